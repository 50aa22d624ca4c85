-- FormValueSealing looks for rows whose form values are still in clear (written before sealing began) after every
-- start and every 6 hours. Without an index that was a scan of every application (millions in a province); this
-- partial index holds exactly those rows, so it is empty once they are sealed and the look-up costs nothing.
create index cases_application_clear_values on cases_application (id)
    where form_values_sealed is null and form_values <> '{}'::jsonb;
