package org.tongban.exchange;

/**
 * The person or company shared data is about, as the exchange knows it: a person by the look-up hash of the ID
 * number (never the number itself), a company by its credit code. Obtain one from {@link SharedData}.
 *
 * @param key the ID-number look-up hash of a person, the credit code of a company
 * @param masked how views and the access log show the subject
 * @param clear the person's ID number or the company's credit code, for a department system's endpoint that knows
 *        its subjects by them; {@code null} when not known; never logged nor shown
 */
public record DataSubject(SubjectType type, String key, String masked, String clear) {

    public DataSubject(SubjectType type, String key, String masked) {
        this(type, key, masked, null);
    }

    /** The same person or company, whether or not the clear number is at hand. */
    @Override
    public boolean equals(Object other) {
        return other instanceof DataSubject d && type == d.type && key.equals(d.key) && masked.equals(d.masked);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(type, key, masked);
    }

    @Override
    public String toString() {
        return "DataSubject[" + type + " " + masked + "]";
    }
}
