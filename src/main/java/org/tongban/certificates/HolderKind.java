package org.tongban.certificates;

/** Who holds a certificate (持证主体): a natural person (自然人) or a legal person or other organization (法人). */
public enum HolderKind { PERSON, COMPANY }
