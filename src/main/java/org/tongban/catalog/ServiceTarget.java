package org.tongban.catalog;

/** Who an item serves (服务对象): natural persons (自然人), legal persons (法人), or both. */
public enum ServiceTarget {
    NATURAL_PERSON, LEGAL_PERSON, BOTH;

    /** Whether the item serves the given audience ({@code NATURAL_PERSON} or {@code LEGAL_PERSON}). */
    public boolean serves(ServiceTarget audience) {
        return this == BOTH || this == audience || audience == BOTH;
    }
}
