package org.tongban.exchange;

/**
 * The person or company shared data is about, as the exchange knows it: a person by the look-up hash of the ID
 * number (never the number itself), a company by its credit code. Obtain one from {@link SharedData}.
 *
 * @param key the ID-number look-up hash of a person, the credit code of a company
 * @param masked how views and the access log show the subject
 */
public record DataSubject(SubjectType type, String key, String masked) {
}
