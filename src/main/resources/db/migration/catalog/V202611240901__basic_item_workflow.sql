-- Basic-catalogue items (基本目录) go through the same workflow as implementation items: a province-level catalogue
-- administrator drafts a version, submits it, and it is approved and published with an effective date.
alter table catalog_basic_item
    add column saved_by     uuid,
    add column submitted_by uuid,
    add column submitted_at timestamp with time zone,
    add column approved_by  uuid,
    add column approved_at  timestamp with time zone;

create index catalog_basic_item_due on catalog_basic_item (effective_from) where status = 'APPROVED';
create index catalog_implementation_item_basic on catalog_implementation_item (basic_code);
