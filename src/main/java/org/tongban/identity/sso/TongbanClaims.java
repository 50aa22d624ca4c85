package org.tongban.identity.sso;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.tongban.identity.SignedIn;

/**
 * The claims Tongban adds to ID tokens, access tokens and the UserInfo response about the person signed in. The
 * subject ({@code sub}) is always the account id, never an ID number (DOMAIN §8: identifiers leave the platform only
 * where a rule requires it).
 *
 * <ul>
 * <li>{@code tongban_subject_type}: {@code natural_person}, {@code staff}, or {@code legal_person_agent} when the
 * person acts for a company as its authorized agent (经办人);</li>
 * <li>{@code tongban_level} (1–4) and {@code acr} ({@code urn:tongban:loa:1} … {@code :4}): the real-name assurance
 * level of the account (实名认证等级, DOMAIN §8);</li>
 * <li>{@code tongban_company_credit_code} (GB 32100 unified social credit code) and {@code tongban_company_name}:
 * the company acted for, only for {@code legal_person_agent}.</li>
 * </ul>
 */
public final class TongbanClaims {

    public static final String SUBJECT_TYPE = "tongban_subject_type";
    public static final String LEVEL = "tongban_level";
    public static final String ACR = "acr";
    public static final String COMPANY_CREDIT_CODE = "tongban_company_credit_code";
    public static final String COMPANY_NAME = "tongban_company_name";
    public static final String ACR_PREFIX = "urn:tongban:loa:";

    private TongbanClaims() {
    }

    /** The signed-in person behind an authorization's principal, or {@code null} for a client acting for itself. */
    static SignedIn signedIn(Object principal) {
        if (principal instanceof Authentication authentication
                && authentication.getPrincipal() instanceof SignedIn signedIn) {
            return signedIn;
        }
        return null;
    }

    static String subjectType(SignedIn person) {
        if (person.actingFor() != null) {
            return "legal_person_agent";
        }
        return person.staff() ? "staff" : "natural_person";
    }

    /** The claims about the person, in a stable order. */
    static Map<String, Object> of(SignedIn person) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(SUBJECT_TYPE, subjectType(person));
        claims.put(LEVEL, person.assuranceLevel());
        claims.put(ACR, ACR_PREFIX + person.assuranceLevel());
        if (person.actingFor() != null) {
            claims.put(COMPANY_CREDIT_CODE, person.actingFor().creditCode());
            claims.put(COMPANY_NAME, person.actingFor().companyName());
        }
        return claims;
    }
}
