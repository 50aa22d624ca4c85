-- Who moved a version through the workflow, and why a deviation from the standard was accepted.
alter table catalog_implementation_item
    add column submitted_by uuid,
    add column submitted_at timestamp with time zone,
    add column approved_by uuid,
    add column deviation_justification varchar(1000);
create index catalog_implementation_item_pending on catalog_implementation_item (status)
    where status in ('DRAFT', 'SUBMITTED');
