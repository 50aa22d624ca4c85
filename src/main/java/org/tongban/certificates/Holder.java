package org.tongban.certificates;

import java.util.UUID;

/**
 * The holder a certificate is issued to: a person by account (the ID number comes from the account) or by name and
 * resident ID number (legacy certificates of people without an account), or a company by name and credit code.
 */
public record Holder(HolderKind kind, UUID accountId, String name, String code) {

    public static Holder account(UUID accountId) {
        return new Holder(HolderKind.PERSON, accountId, null, null);
    }

    public static Holder person(String name, String residentIdNumber) {
        return new Holder(HolderKind.PERSON, null, name, residentIdNumber);
    }

    public static Holder company(String name, String creditCode) {
        return new Holder(HolderKind.COMPANY, null, name, creditCode);
    }
}
