package org.tongban.certificates;

import java.util.List;
import java.util.Locale;

/**
 * A type of certificate in the catalogue (证照类型, GB/T 36903).
 *
 * @param code the responsible ministry's credit code and 3 digits
 * @param issuerCategory the organization {@code BodyCategory} of the bodies that issue it
 * @param fields the type-specific metadata fields beyond the national ones
 * @param validityYears how long a certificate is valid; {@code null} for long-term (长期)
 * @param renewalLeadDays how many days before expiry the holder is told to renew
 * @param template the visual template: {@code LICENCE}, {@code CARD} or {@code BOOKLET}
 */
public record CertificateType(String code, String name, String nameEn, String ministryName, String ministryCode,
        String issuerCategory, HolderKind holderKind, List<MetadataField> fields, Integer validityYears,
        int renewalLeadDays, String template) {

    /** One type-specific metadata field. {@code personal}: masked in every view but the holder's own. */
    public record MetadataField(String key, String label, String labelEn, boolean required, String type, Integer max,
            boolean personal) {

        public String label(Locale locale) {
            return "en".equals(locale.getLanguage()) && labelEn != null ? labelEn : label;
        }

        public boolean date() {
            return "date".equals(type);
        }
    }

    public String name(Locale locale) {
        return "en".equals(locale.getLanguage()) ? nameEn : name;
    }
}
