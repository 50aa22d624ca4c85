-- The applicant's progress page and the officers' task page read a case's special procedures and its latest
-- extension request by the case. Neither table had an index that query could use (the extension's unique index
-- covers pending and approved requests only), so each look-up read the whole table — measured as sequential scans
-- by bench/parallel-approval.sh (JAVA_OPTS=-Dbench.sqlcases=20); in a province that is every special procedure and
-- extension ever recorded, on every page view. The same indexes serve the cascading delete of a case.
create index cases_special_procedure_case on cases_special_procedure (application_id, created_at);
create index cases_extension_case on cases_extension (application_id, requested_at desc);
