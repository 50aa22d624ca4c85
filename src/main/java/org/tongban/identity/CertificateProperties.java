package org.tongban.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Level L4 by digital certificate ({@code tongban.identity.l4.*}).
 *
 * @param trustAnchors PEM files with the CA certificates whose (SM2) client certificates are accepted; read at each
 *        verification, so a CA can be added or removed without a restart. Empty: in demo mode the demo CA in
 *        {@code demoDirectory}, otherwise none (L4 then cannot be reached)
 * @param demoDirectory where demo mode generates its demo CA and a certificate for the demo resident, once
 * @param challengeValidity how long a challenge may be signed and submitted
 * @param signerId the SM2 signer ID (GB/T 35276 default {@code 1234567812345678}, DOMAIN §10)
 */
@ConfigurationProperties("tongban.identity.l4")
public record CertificateProperties(@DefaultValue List<Path> trustAnchors,
        @DefaultValue("./data/l4") Path demoDirectory,
        @DefaultValue("5m") Duration challengeValidity,
        @DefaultValue("1234567812345678") String signerId) {
}
