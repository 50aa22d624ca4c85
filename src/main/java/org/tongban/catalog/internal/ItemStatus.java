package org.tongban.catalog.internal;

/**
 * Where a version of an item stands: drafted, submitted for approval, published (the version in force), superseded
 * by a later published version, suspended (暂停) or repealed (取消). Only published versions are public.
 */
public enum ItemStatus {
    DRAFT, SUBMITTED, PUBLISHED, SUPERSEDED, SUSPENDED, REPEALED
}
