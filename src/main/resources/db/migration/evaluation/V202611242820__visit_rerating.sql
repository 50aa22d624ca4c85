-- A hall visit is rated once more after the rated body answered a bad rating (国办发〔2019〕51号: the rater sees the
-- response and may rate again), like a case: one rating per visit and round. The rater without an account (or not
-- signed in) gets a second one-time link by SMS when the answer is given; only its hash is kept.
alter table evaluation_rating drop constraint evaluation_rating_visit_id_key;
alter table evaluation_rating add constraint evaluation_rating_visit_round unique (visit_id, round);

alter table evaluation_visit add column rerating_token_hash varchar(100) unique;
alter table evaluation_visit add column rerating_expires_at timestamptz;
alter table evaluation_visit add column rerating_used_at timestamptz;
