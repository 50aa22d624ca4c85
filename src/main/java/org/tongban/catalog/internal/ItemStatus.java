package org.tongban.catalog.internal;

/**
 * Where a version of an item stands: drafted, submitted for approval, approved and waiting for its effective date,
 * published (the version in force), superseded by a later published version, suspended (暂停: not handled for now,
 * may resume) or repealed (取消: for good). Only published versions are searchable; a suspended or repealed item's
 * guide says so instead of offering to apply.
 */
public enum ItemStatus {
    DRAFT, SUBMITTED, APPROVED, PUBLISHED, SUPERSEDED, SUSPENDED, REPEALED
}
