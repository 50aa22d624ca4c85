package org.tongban.identity.sso;

/**
 * What a CRL or an OCSP responder says about one certificate, with the words an operator needs in the log: where the
 * answer came from, or why there is none.
 *
 * @param state good, revoked, or unknown (no trustworthy answer: no current CRL, responder down, bad signature, ...)
 * @param explanation for the log, e.g. "revoked on 2026-11-02T08:00:00Z (keyCompromise) per OCSP responder http://..."
 */
record RevocationStatus(State state, String explanation) {

    enum State {
        GOOD, REVOKED, UNKNOWN
    }

    static RevocationStatus good(String source) {
        return new RevocationStatus(State.GOOD, "not revoked per " + source);
    }

    static RevocationStatus revoked(String detail) {
        return new RevocationStatus(State.REVOKED, detail);
    }

    static RevocationStatus unknown(String why) {
        return new RevocationStatus(State.UNKNOWN, why);
    }

    /** The reason code's name (RFC 5280 §5.3.1, also OCSP's RevokedInfo, RFC 6960 §4.2.1); 7 is not used. */
    static String reason(int code) {
        String[] names = { "unspecified", "keyCompromise", "cACompromise", "affiliationChanged", "superseded",
            "cessationOfOperation", "certificateHold", "7", "removeFromCRL", "privilegeWithdrawn", "aACompromise" };
        return code >= 0 && code < names.length ? names[code] : String.valueOf(code);
    }

    boolean good() {
        return state == State.GOOD;
    }

    boolean revoked() {
        return state == State.REVOKED;
    }

    boolean unknown() {
        return state == State.UNKNOWN;
    }
}
