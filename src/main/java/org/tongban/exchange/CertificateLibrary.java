package org.tongban.exchange;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The certificate library (电子证照库) as a base of the exchange (DOMAIN §9: "business libraries: ... certificates"):
 * the module that issues e-certificates provides it, so that a catalogued resource of source {@code CERTIFICATES}
 * serves the certificates of one type a person or company holds, under the same authorization and access log as any
 * other resource. The exchange depends on this interface only, never on the issuing module.
 */
public interface CertificateLibrary {

    /** The items every certificate row has, in this order (see {@code exchange.item.*} for their labels). */
    List<String> ITEMS = List.of("typeName", "number", "identifier", "holderName", "issuer", "issuedOn", "validFrom",
            "validUntil", "certificateStatus", "details");

    /** The name of a certificate type (证照类型), if the library knows its code. */
    Optional<String> typeName(String typeCode);

    /** Who holds certificates of the type: persons or companies; empty for an unknown type. */
    Optional<SubjectType> holderType(String typeCode);

    /**
     * The certificates of the type the subject holds, newest first, one map of {@link #ITEMS} per certificate
     * ({@code certificateStatus} is {@code VALID}, {@code SUSPENDED}, {@code REVOKED} or {@code EXPIRED}; replaced
     * versions are left out; {@code details} is the type's own fields as {@code 名称：值} lines). The library
     * records the use by the consuming body for the purpose where the holder sees it.
     */
    List<Map<String, Object>> held(String typeCode, SubjectType type, String subjectKey, UUID consumerBodyId,
            String consumerBodyName, String purpose);
}
