package org.tongban.exchange;

/** Whom shared data is about: a natural person (ID number) or a legal person (credit code). */
public enum SubjectType {
    PERSON,
    COMPANY
}
