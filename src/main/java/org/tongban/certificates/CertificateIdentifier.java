package org.tongban.certificates;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The identifier of an e-certificate (电子证照标识, GB/T 36904):
 * {@code 1.2.156.3005.2.<type code>.<issuer code>.<serial>.<3-digit version>.<check character>}. The type code is
 * the responsible ministry's credit code and 3 digits (GB/T 36903), the issuer code the issuing body's credit code;
 * the check character is ISO/IEC 7064 MOD 37,36 over type code, issuer code, serial and version joined without dots.
 */
public record CertificateIdentifier(String typeCode, String issuerCode, String serial, int version) {

    /** The OID arc of Chinese e-certificates (GB/T 36904). */
    public static final String PREFIX = "1.2.156.3005.2.";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final Pattern SHAPE = Pattern.compile(
            "1\\.2\\.156\\.3005\\.2\\.([0-9A-Z]{18}[0-9]{3})\\.([0-9A-Z]{18})\\.([0-9A-Z]{1,40})\\.([0-9]{3})\\.([0-9A-Z])");

    public CertificateIdentifier {
        if (version < 1 || version > 999) {
            throw new IllegalArgumentException("version " + version);
        }
    }

    /** The full identifier with its check character. */
    public String value() {
        String version3 = "%03d".formatted(version);
        return PREFIX + typeCode + "." + issuerCode + "." + serial + "." + version3 + "."
                + checkCharacter(typeCode + issuerCode + serial + version3);
    }

    /** The next version of the same certificate (renewal or change keeps the serial). */
    public CertificateIdentifier nextVersion() {
        return new CertificateIdentifier(typeCode, issuerCode, serial, version + 1);
    }

    /**
     * @throws CertificateRefusedException {@code certificates.identifier.format} when it is not shaped like an
     *         identifier, {@code certificates.identifier.check} when the check character does not match (with the
     *         expected one, so the reader sees which character is wrong)
     */
    public static CertificateIdentifier parse(String text) {
        String value = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        var matcher = SHAPE.matcher(value);
        if (!matcher.matches()) {
            throw CertificateRefusedException.badRequest("certificates.identifier.format", abbreviate(text));
        }
        char expected = checkCharacter(matcher.group(1) + matcher.group(2) + matcher.group(3) + matcher.group(4));
        if (matcher.group(5).charAt(0) != expected) {
            throw CertificateRefusedException.badRequest("certificates.identifier.check", matcher.group(5),
                    String.valueOf(expected));
        }
        return new CertificateIdentifier(matcher.group(1), matcher.group(2), matcher.group(3),
                Integer.parseInt(matcher.group(4)));
    }

    /**
     * ISO/IEC 7064 MOD 37,36 (hybrid system, M = 36): p = 36; for each character s = (p + value) mod 36, with 0
     * read as 36, then p = 2s mod 37; the check character is the one whose value makes the final (p + c) mod 36 = 1.
     */
    public static char checkCharacter(String data) {
        int p = 36;
        for (int i = 0; i < data.length(); i++) {
            int value = ALPHABET.indexOf(data.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("Not in the MOD 37,36 alphabet: " + data.charAt(i));
            }
            int s = (p + value) % 36;
            if (s == 0) {
                s = 36;
            }
            p = (s * 2) % 37;
        }
        return ALPHABET.charAt((37 - p) % 36);
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    @Override
    public String toString() {
        return value();
    }
}
