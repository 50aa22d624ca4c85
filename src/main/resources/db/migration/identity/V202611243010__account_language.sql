-- The language a person last chose in the portal (or registered in), so that text messages reach them in it:
-- Chinese first, English second.
alter table identity_account add column language varchar(10) not null default 'zh-CN'
    check (language in ('zh-CN', 'en'));
