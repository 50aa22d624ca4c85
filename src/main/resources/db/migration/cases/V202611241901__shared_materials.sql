-- 免提交 (DOMAIN §1 and §9): a material an application obtains from a shared resource of the exchange instead of an
-- upload. The applicant asks for it, previews what was fetched and consents to its use (or declines and uploads);
-- on consent a copy is attached as the material (cases_material). The fetched items are sealed at rest (DOMAIN §8)
-- and wiped when the applicant declines.
create table cases_shared_material
(
    application_id    uuid         not null references cases_application (id) on delete cascade,
    requirement_index int          not null,
    resource_code     varchar(12)  not null,
    resource_name     varchar(200) not null,
    provider_name     varchar(200) not null,
    subject_masked    varchar(64)  not null,
    items_sealed      text,
    exchange_entry_id bigint       not null,
    fetched_at        timestamp with time zone not null,
    status            varchar(10)  not null check (status in ('PREVIEW', 'CONSENTED', 'DECLINED')),
    decided_at        timestamp with time zone,
    material_id       uuid,
    primary key (application_id, requirement_index)
);
