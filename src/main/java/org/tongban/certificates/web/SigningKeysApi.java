package org.tongban.certificates.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.certificates.CertificateSigningKeys;
import org.tongban.identity.SignedIn;

/**
 * {@code /api/v1/certificates/signing-keys}: the issuing bodies' signing keys for system administrators — list, rotate
 * (retire), revoke. Failures are RFC 9457 problems: 401 without a session, 403 for other roles, 404 for a key
 * outside one's division, 409 for a key already retired or revoked, 422 naming {@code reason} or {@code since}.
 */
@RestController
@RequestMapping("/api/v1/certificates/signing-keys")
class SigningKeysApi {

    private final CertificateSigningKeys keys;

    SigningKeysApi(CertificateSigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping
    List<CertificateSigningKeys.SigningKeyView> list(@AuthenticationPrincipal SignedIn admin) {
        return keys.list(admin);
    }

    record Rotation(String reason) {
    }

    /** Retires the key; answers the body's new current key. */
    @PostMapping("/{id}/rotation")
    CertificateSigningKeys.SigningKeyView rotate(@PathVariable UUID id, @RequestBody Rotation request,
            @AuthenticationPrincipal SignedIn admin) {
        return keys.rotate(admin, id, request.reason());
    }

    /** Revokes the key from {@code since} (ISO date; empty: from its creation); answers the revoked key. */
    record Revocation(String reason, LocalDate since) {
    }

    @PostMapping("/{id}/revocation")
    CertificateSigningKeys.SigningKeyView revoke(@PathVariable UUID id, @RequestBody Revocation request,
            @AuthenticationPrincipal SignedIn admin) {
        return keys.revoke(admin, id, request.reason(), request.since());
    }
}
