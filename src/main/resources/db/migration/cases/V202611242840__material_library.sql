-- 我的材料 (material library): the files an applicant (a person, or a company through its agents) submitted, kept so
-- that a later application reuses them instead of uploading again (DOMAIN §1: 能复用的不再重复提交). An entry refers
-- to the stored file by its key, as the application's material row does: the file is deleted only when neither an
-- application nor a library entry still refers to it.
create table cases_material_library
(
    id             uuid primary key,
    owner_account  uuid                     not null,
    material_name  varchar(300)             not null,
    file_name      varchar(255)             not null,
    content_type   varchar(100)             not null,
    size_bytes     bigint                   not null,
    sha256         char(64)                 not null,
    storage_key    varchar(200)             not null,
    uploaded_at    timestamp with time zone not null,
    added_at       timestamp with time zone not null,
    valid_until    date,
    source_case    varchar(50),
    unique (owner_account, material_name, sha256)
);
create index cases_material_library_owner on cases_material_library (owner_account, added_at desc);
create index cases_material_library_key on cases_material_library (storage_key);
-- Whether an application still refers to a file (before it is deleted from the storage).
create index cases_material_storage_key on cases_material (storage_key);
