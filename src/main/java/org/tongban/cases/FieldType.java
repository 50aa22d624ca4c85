package org.tongban.cases;

/** The kinds of value an application form field takes; each has one validation rule shared by page and API. */
public enum FieldType {
    TEXT,
    /** A decimal number. */
    NUMBER,
    /** An ISO date (yyyy-MM-dd). */
    DATE,
    /** One of the field's choices. */
    CHOICE,
    /** A resident ID number (GB 11643). */
    ID_NUMBER,
    /** A unified social credit code (GB 32100). */
    CREDIT_CODE,
    /** A mainland mobile number. */
    PHONE,
    /** An address: a division (GB/T 2260, under {@code key.division}) and the street detail ({@code key.detail}). */
    ADDRESS,
    /** An amount of money in yuan, at most two decimals. */
    MONEY,
    /**
     * Repeating rows (a table such as the family members taking part in a business): each row has the field's
     * columns, stored under {@code key.<row>.<column>}; rows left empty are dropped at submission.
     */
    TABLE;

    /** Whether a column of a {@link #TABLE} may have this type (one value per cell: no address, no nested table). */
    public boolean cell() {
        return this != ADDRESS && this != TABLE;
    }
}
