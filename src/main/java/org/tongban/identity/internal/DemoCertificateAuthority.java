package org.tongban.identity.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tongban.identity.CertificateProperties;
import org.tongban.platform.demo.DemoData;
import org.tongban.shared.CitizenIdNumber;

/**
 * Demo mode only: on first start, a demo CA (SM2, self-signed) and a client certificate for the demo resident 张三
 * with its private key, under {@code tongban.identity.l4.demo-directory}, so that L4 can be tried with
 * {@code openssl} (see README). Never trusted outside demo mode unless configured as a trust anchor.
 */
@Component
@Order(21)
class DemoCertificateAuthority implements ApplicationRunner {

    static final String CA_FILE = "demo-ca.pem";
    static final String CA_KEY_FILE = "demo-ca-key.pem";
    static final String PERSON_FILE = "zhangsan-cert.pem";
    static final String PERSON_KEY_FILE = "zhangsan-key.pem";
    /** 张三（演示）'s ID number without its check character, as in {@link IdentityDemoData}. */
    static final String DEMO_RESIDENT_ID17 = "21011219950606906";

    private static final Logger log = LoggerFactory.getLogger(DemoCertificateAuthority.class);

    private final DemoData demoData;
    private final CertificateProperties properties;

    DemoCertificateAuthority(DemoData demoData, CertificateProperties properties) {
        this.demoData = demoData;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        Path directory = properties.demoDirectory();
        if (!demoData.enabled() || Files.exists(directory.resolve(CA_FILE))) {
            return;
        }
        Instant now = Instant.now();
        KeyPair caKeys = Sm2Certificates.newKeyPair();
        X509Certificate ca = Sm2Certificates.selfSignedCa(caKeys, "通办演示 CA（演示，不可信）",
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
        KeyPair personKeys = Sm2Certificates.newKeyPair();
        X509Certificate person = Sm2Certificates.personCertificate(ca, caKeys.getPrivate(), personKeys.getPublic(),
                "张三", CitizenIdNumber.withCheckCharacter(DEMO_RESIDENT_ID17).value(), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(730)), KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
        try {
            Files.createDirectories(directory);
            write(directory.resolve(CA_KEY_FILE), Sm2Certificates.pem(caKeys.getPrivate()), true);
            write(directory.resolve(PERSON_KEY_FILE), Sm2Certificates.pem(personKeys.getPrivate()), true);
            write(directory.resolve(PERSON_FILE), Sm2Certificates.pem(person), false);
            // The CA certificate last: its presence marks the set as complete.
            write(directory.resolve(CA_FILE), Sm2Certificates.pem(ca), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("Generated the demo L4 CA and 张三's demo certificate in {}", directory.toAbsolutePath());
    }

    private static void write(Path file, String text, boolean secret) throws IOException {
        Files.writeString(file, text);
        if (secret) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: rely on the directory's permissions.
            }
        }
    }
}
