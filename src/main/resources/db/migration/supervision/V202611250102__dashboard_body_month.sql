-- The dashboard's figures per calendar month summed over the items, per division and body. A division's view (the
-- province, a city, a county) groups by division and body only, so it reads these for its whole months instead of the
-- item rows: on the province-scale data (bench/province.sh: 10M cases over 300,000 items) a year of the province was
-- 413,000 item rows of a 3.9M-row table, read whole in about 0.8 s, against 110,000 rows here read by their month
-- (bench/README.md, "Supervision dashboard"). Kept in the same transaction as the days and item months.
create table supervision_dashboard_body_month (like supervision_dashboard_month including defaults);
alter table supervision_dashboard_body_month drop column item_code;
alter table supervision_dashboard_body_month add primary key (month, division_code, body_id);

insert into supervision_dashboard_body_month
select month, division_code, body_id, sum(received), sum(received_online), sum(accepted), sum(decided),
       sum(decided_on_time), sum(duration_days), sum(promised_days), sum(completed), sum(overdue), sum(rated),
       sum(rated_1), sum(rated_2), sum(rated_3), sum(rated_4), sum(rated_5)
from supervision_dashboard_month
group by month, division_code, body_id
order by month, division_code, body_id;
