-- A repeated correction notice that asks for something the first one did not (一次告知 not kept, 行政许可法 Art. 32).
alter table supervision_warning drop constraint supervision_warning_kind_check;
alter table supervision_warning add constraint supervision_warning_kind_check
    check (kind in ('YELLOW', 'RED', 'BAD_RATING', 'REPEATED_NOTICE'));
