package org.tongban.certificates;

/**
 * Who may use a certificate under an authorization (用证方): a government body (by id) or a case (by case number).
 */
public record Grantee(Kind kind, String id, String name) {

    public enum Kind { BODY, CASE }

    public static Grantee body(java.util.UUID bodyId, String name) {
        return new Grantee(Kind.BODY, bodyId.toString(), name);
    }

    public static Grantee forCase(String caseNumber) {
        return new Grantee(Kind.CASE, caseNumber, caseNumber);
    }
}
