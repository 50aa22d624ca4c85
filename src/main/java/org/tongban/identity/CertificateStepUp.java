package org.tongban.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.identity.internal.AssuranceAudit;
import org.tongban.identity.internal.PersonalDataCipher;
import org.tongban.identity.internal.Sm2Certificates;
import org.tongban.identity.internal.TrustAnchors;
import org.tongban.shared.InvalidValueException;

/**
 * Level L4 by digital certificate (数字证书, DOMAIN §8, §10). The platform issues a random challenge; the holder's
 * certificate tool signs it with SM2/SM3 (signer ID pinned, {@code tongban.identity.l4.signer-id}); the person
 * submits the certificate (PEM, optionally followed by intermediate CA certificates) and the signature. Accepted
 * only when the certificate chains to a configured trust anchor, is valid today, is an end-entity SM2 certificate
 * for digital signatures, names the same person (subject serialNumber = ID number, compared by look-up hash) and
 * the signature over this account's unused, unexpired challenge verifies. GB/T 39786-2021 (等保 level 3) asks for
 * exactly this: cryptographic identification, audited.
 *
 * <p>Each challenge allows one submission; a failed one needs a new challenge.
 */
@Service
public class CertificateStepUp {

    private static final Logger log = LoggerFactory.getLogger(CertificateStepUp.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the holder signs: the text exactly as shown, UTF-8 encoded. */
    public record Challenge(UUID id, String text, Instant expiresAt) {
    }

    private final JdbcTemplate jdbc;
    private final PersonalDataCipher cipher;
    private final TrustAnchors trustAnchors;
    private final CertificateProperties properties;
    private final AssuranceAudit audit;
    private final Clock clock = Clock.systemUTC();

    CertificateStepUp(JdbcTemplate jdbc, PersonalDataCipher cipher, TrustAnchors trustAnchors,
            CertificateProperties properties, AssuranceAudit audit) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.trustAnchors = trustAnchors;
        this.properties = properties;
        this.audit = audit;
    }

    /** A fresh challenge for this account. */
    @Transactional
    public Challenge challenge(UUID account) {
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        Instant now = clock.instant();
        Challenge challenge = new Challenge(UUID.randomUUID(),
                "tongban-l4:" + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce),
                now.plus(properties.challengeValidity()));
        jdbc.update("insert into identity_certificate_challenge (id, account_id, challenge, created_at, expires_at) "
                + "values (?, ?, ?, ?, ?)", challenge.id(), account, challenge.text(), Timestamp.from(now),
                Timestamp.from(challenge.expiresAt()));
        return challenge;
    }

    /**
     * @param pem the holder's certificate, optionally followed by intermediate CA certificates
     * @param signature base64 of the DER-encoded SM2 signature over the challenge text
     * @return the account's level afterwards (4)
     * @throws InvalidValueException {@code identity.certificate.*}: {@code challenge} (unknown, used or expired),
     *         {@code unreadable}, {@code expired}, {@code algorithm}, {@code key-usage}, {@code untrusted},
     *         {@code other-person}, {@code signature}
     */
    @Transactional(noRollbackFor = InvalidValueException.class)
    public int verify(UUID account, UUID challengeId, String pem, String signature) {
        Instant now = clock.instant();
        String challenge = jdbc.query("select challenge from identity_certificate_challenge where id = ? "
                + "and account_id = ? and used_at is null and expires_at > ? for update", (rs, i) -> rs.getString(1),
                challengeId, account, Timestamp.from(now)).stream().findFirst()
                .orElseThrow(() -> refuse(account, "identity.certificate.challenge"));
        jdbc.update("update identity_certificate_challenge set used_at = ? where id = ?", Timestamp.from(now),
                challengeId);
        List<X509Certificate> chain = pem == null ? List.of() : Sm2Certificates.readCertificates(pem);
        if (chain.isEmpty()) {
            throw refuse(account, "identity.certificate.unreadable");
        }
        X509Certificate holder = chain.getFirst();
        try {
            holder.checkValidity(Date.from(now));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw refuse(account, "identity.certificate.expired");
        }
        if (!Sm2Certificates.isSm2(holder.getPublicKey())) {
            throw refuse(account, "identity.certificate.algorithm");
        }
        boolean[] keyUsage = holder.getKeyUsage();
        if (holder.getBasicConstraints() != -1 || keyUsage == null || !keyUsage[0]) {
            throw refuse(account, "identity.certificate.key-usage");
        }
        validateChain(account, chain, now);
        String idHash = jdbc.queryForObject("select id_number_hash from identity_account where id = ?", String.class,
                account);
        String subjectId = Sm2Certificates.idNumber(holder).orElse("");
        boolean samePerson = false;
        for (IdDocumentType type : IdDocumentType.values()) {
            try {
                samePerson |= cipher.lookupHash(type.name() + ":" + type.normalize(subjectId)).equals(idHash);
            } catch (InvalidValueException notThisType) {
                // the subject's number is not of this type
            }
        }
        if (!samePerson) {
            throw refuse(account, "identity.certificate.other-person");
        }
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getMimeDecoder().decode(signature == null ? "" : signature.strip());
        } catch (IllegalArgumentException e) {
            throw refuse(account, "identity.certificate.signature");
        }
        if (signatureBytes.length == 0 || !Sm2Certificates.verify(holder.getPublicKey(),
                challenge.getBytes(StandardCharsets.UTF_8), signatureBytes, properties.signerId())) {
            throw refuse(account, "identity.certificate.signature");
        }
        return audit.raise(account, 4, AssuranceAudit.Method.CERTIFICATE, null, "certificate serial "
                + holder.getSerialNumber().toString(16) + "; issuer " + holder.getIssuerX500Principal().getName());
    }

    private void validateChain(UUID account, List<X509Certificate> chain, Instant now) {
        var anchors = trustAnchors.load();
        if (anchors.isEmpty()) {
            throw refuse(account, "identity.certificate.untrusted");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509", Sm2Certificates.BC);
            PKIXParameters parameters = new PKIXParameters(anchors);
            // No CRL/OCSP source is configured yet: revocation is the issuing CA's to publish (see README).
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX", Sm2Certificates.BC)
                    .validate(factory.generateCertPath(chain), parameters);
        } catch (CertPathValidatorException e) {
            boolean expired = e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                    || e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID;
            log.info("L4 certificate of {} not accepted: {} ({})", account, e.getMessage(), e.getReason());
            throw refuse(account, expired ? "identity.certificate.expired"
                    : e.getReason() == PKIXReason.INVALID_KEY_USAGE ? "identity.certificate.key-usage"
                    : "identity.certificate.untrusted");
        } catch (GeneralSecurityException e) {
            log.info("L4 certificate of {} not accepted: {}", account, e.toString());
            throw refuse(account, "identity.certificate.untrusted");
        }
    }

    private static InvalidValueException refuse(UUID account, String code) {
        log.info("L4 step-up of {} refused: {}", account, code);
        return new InvalidValueException(code, null);
    }

}
