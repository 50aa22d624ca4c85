package org.tongban.exchange.internal;

import java.util.List;
import java.util.Optional;

import org.tongban.exchange.SubjectType;

/**
 * The in-platform base databases a catalogued resource can be served from, with the data items each offers (name,
 * type). Item labels are in {@code exchange.item.NAME}.
 */
public enum Source {
    /** 人口基础信息库 */
    POPULATION(SubjectType.PERSON, false, List.of(new Item("name", "string"), new Item("idNumber", "string"),
            new Item("sex", "code"), new Item("birthDate", "date"), new Item("ethnicity", "string"),
            new Item("householdDivision", "code"), new Item("address", "string"),
            new Item("maritalStatus", "code"))),
    /** 法人基础信息库 */
    LEGAL_PERSON(SubjectType.COMPANY, false, List.of(new Item("creditCode", "string"), new Item("name", "string"),
            new Item("kind", "code"), new Item("legalRepresentative", "string"),
            new Item("registeredCapital", "decimal"), new Item("establishedOn", "date"),
            new Item("division", "code"), new Item("address", "string"), new Item("status", "code"))),
    /** 社会信用: 严重失信主体名单 (persons and companies) */
    DISHONEST(null, true, List.of(new Item("listedBy", "string"), new Item("reason", "string"),
            new Item("listedOn", "date"), new Item("removedOn", "date"))),
    /** 社会信用: 行政处罚信息 (persons and companies) */
    PENALTY(null, true, List.of(new Item("decisionNumber", "string"), new Item("authority", "string"),
            new Item("violation", "string"), new Item("penalty", "string"), new Item("decidedOn", "date"))),
    /**
     * 电子证照库: the certificates of one type (named by the resource's related code, 关联代码) a person or company
     * holds, served by the certificates module through {@link org.tongban.exchange.CertificateLibrary}.
     */
    CERTIFICATES(null, true, List.of(new Item("typeName", "string"), new Item("number", "string"),
            new Item("identifier", "string"), new Item("holderName", "string"), new Item("issuer", "string"),
            new Item("issuedOn", "date"), new Item("validFrom", "date"), new Item("validUntil", "date"),
            new Item("certificateStatus", "code"), new Item("details", "string")));

    /** A data item (数据项) with its type. */
    public record Item(String name, String type) {
    }

    private final SubjectType subjectType;
    private final boolean list;
    private final List<Item> items;

    Source(SubjectType subjectType, boolean list, List<Item> items) {
        this.subjectType = subjectType;
        this.list = list;
        this.items = items;
    }

    /** The subject type served, or {@code null} when persons and companies both are. */
    public SubjectType subjectType() {
        return subjectType;
    }

    public boolean accepts(SubjectType type) {
        return subjectType == null || subjectType == type;
    }

    /** Whether a subject has zero or more rows (credit lists) rather than exactly one. */
    public boolean list() {
        return list;
    }

    public List<Item> items() {
        return items;
    }

    public Optional<Item> item(String name) {
        return items.stream().filter(i -> i.name().equals(name)).findFirst();
    }
}
