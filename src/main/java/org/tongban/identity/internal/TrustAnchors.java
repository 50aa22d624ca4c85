package org.tongban.identity.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tongban.identity.CertificateProperties;
import org.tongban.platform.demo.DemoData;

/**
 * The CA certificates whose client certificates count for L4 ({@code tongban.identity.l4.trust-anchors}), read from
 * their PEM files at each use so that operators can add or withdraw a CA without a restart. In demo mode with none
 * configured, the demo CA that {@link DemoCertificateAuthority} generated.
 */
@Component
public class TrustAnchors {

    private static final Logger log = LoggerFactory.getLogger(TrustAnchors.class);

    private final CertificateProperties properties;
    private final DemoData demoData;

    TrustAnchors(CertificateProperties properties, DemoData demoData) {
        this.properties = properties;
        this.demoData = demoData;
    }

    public List<Path> files() {
        if (!properties.trustAnchors().isEmpty()) {
            return properties.trustAnchors();
        }
        return demoData.enabled() ? List.of(properties.demoDirectory().resolve(DemoCertificateAuthority.CA_FILE))
                : List.of();
    }

    public Set<TrustAnchor> load() {
        Set<TrustAnchor> anchors = new LinkedHashSet<>();
        for (Path file : files()) {
            try {
                for (X509Certificate certificate : Sm2Certificates.readCertificates(Files.readString(file))) {
                    anchors.add(new TrustAnchor(certificate, null));
                }
            } catch (IOException e) {
                log.warn("Cannot read L4 trust anchors from {}: {}", file.toAbsolutePath(), e.toString());
            }
        }
        return anchors;
    }
}
