-- A material slot holds one document (PDF, OFD) or several images in the applicant's order (pages of a scanned
-- licence, both sides of an ID card): the position orders them. The uniqueness is checked at commit, so that two
-- pages swap places in one transaction.
alter table cases_material add column position int not null default 0;
alter table cases_material drop constraint cases_material_application_id_requirement_index_key;
alter table cases_material add constraint cases_material_slot_position
    unique (application_id, requirement_index, position) deferrable initially deferred;
