package org.tongban.identity.sso;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The optional mutual-TLS port for department systems ({@code tongban.identity.sso.mtls.*}, documented in the
 * README): an extra HTTPS connector that asks for (but does not require) a client certificate, so that a client
 * system registered for {@code tls_client_auth} or {@code self_signed_tls_client_auth} (RFC 8705 §2) can obtain
 * certificate-bound access tokens at the token endpoint and call the exchange gateway with them. Off by default: the
 * platform then serves plain HTTP only (behind a TLS-terminating proxy in production).
 *
 * @param enabled whether the connector is opened
 * @param port its port; {@code 0} picks a free one (tests)
 * @param certificate the server certificate chain (PEM); when unset, a self-signed one is generated once into
 *        {@code tongban.identity.key-directory} (development and demos only)
 * @param privateKey the server certificate's private key (PEM, PKCS#8), with {@code certificate}
 * @param clientCa PEM files of the CAs whose certificates department systems registered for {@code tls_client_auth}
 *        present; read at every token request, so a CA can be added or withdrawn without a restart
 */
@ConfigurationProperties("tongban.identity.sso.mtls")
public record MtlsProperties(@DefaultValue("false") boolean enabled,
        @DefaultValue("8443") int port,
        Path certificate,
        Path privateKey,
        @DefaultValue List<Path> clientCa) {
}
