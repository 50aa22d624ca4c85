-- What applicants type (ID numbers of operators, addresses, incomes) is personal data: sealed with the platform's data
-- key (DOMAIN §8). form_values keeps '{}' for new rows; rows written before are sealed by the application on start.
alter table cases_application add column form_values_sealed text;
