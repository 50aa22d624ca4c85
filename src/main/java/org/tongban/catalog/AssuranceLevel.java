package org.tongban.catalog;

/**
 * The real-name assurance level (实名认证等级) an item needs before it can be applied for online (DOMAIN §8, local
 * practice): L1 self-registered; L2 real name checked against the population or legal-person base data; L3 real
 * person and real name (face check or in person at a hall); L4 digital certificate. "Each service declares the level
 * it needs."
 */
public enum AssuranceLevel {
    L1, L2, L3, L4;

    /** 1–4, as {@code org.tongban.identity.SignedIn#assuranceLevel()} counts. */
    public int number() {
        return ordinal() + 1;
    }

    /** Whether a person at {@code level} (1–4; 0 for nobody signed in) may apply. */
    public boolean metBy(int level) {
        return level >= number();
    }

    /** @throws IllegalArgumentException unless 1–4 */
    public static AssuranceLevel of(int number) {
        if (number < 1 || number > 4) {
            throw new IllegalArgumentException("Assurance level " + number);
        }
        return values()[number - 1];
    }
}
