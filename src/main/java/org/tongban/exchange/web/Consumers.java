package org.tongban.exchange.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.tongban.exchange.ExchangeRefusedException;
import org.tongban.exchange.internal.Gateway;
import org.tongban.exchange.internal.SharingRequests;
import org.tongban.identity.ClientSystemDirectory;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.organization.Organization;

/**
 * Who is calling, as the exchange needs it: a department system by its client-credentials token (the body that owns
 * the system), or a staff member signed in to the platform (their body). Persons and third parties are not consumers.
 */
@Component
class Consumers {

    private final ClientSystemDirectory clients;
    private final Organization organization;

    Consumers(ClientSystemDirectory clients, Organization organization) {
        this.clients = clients;
        this.organization = organization;
    }

    /**
     * @throws SignInRequiredException nobody is signed in; {@link ExchangeRefusedException} not a consumer;
     *         {@link UnboundCallException} a certificate-bound token without its certificate
     */
    Gateway.Consumer consumer(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken token) {
            // A token issued to a person (authorization code) carries their subject type: it is not a system's own.
            if (token.getToken().hasClaim("tongban_subject_type")) {
                throw new ExchangeRefusedException("exchange.client.person-token");
            }
            var client = clients.enabled(token.getToken().getSubject())
                    .orElseThrow(() -> new ExchangeRefusedException("exchange.client.unknown"));
            var consumer = new Gateway.Consumer(client.bodyId(), client.bodyName(), "client:" + client.clientId(),
                    "GATEWAY");
            // Checked here on every call: the decoder remembers verified tokens and skips their validators.
            if (!CertificateBinding.holds(token.getToken(), CertificateBinding.presented())) {
                throw new UnboundCallException(consumer);
            }
            return consumer;
        }
        SignedIn staff = staff(authentication);
        return new Gateway.Consumer(staff.staffBody(), organization.body(staff.staffBody()).name(),
                "account:" + staff.accountId() + " " + staff.name(), "GATEWAY");
    }

    /** The signed-in staff member, or a refusal. */
    SignedIn staff(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken) {
            throw new ExchangeRefusedException("exchange.staff-only");
        }
        if (authentication == null || !(authentication.getPrincipal() instanceof SignedIn signedIn)) {
            throw new SignInRequiredException();
        }
        if (!signedIn.staff() || signedIn.staffBody() == null) {
            throw new ExchangeRefusedException("exchange.staff-only");
        }
        return signedIn;
    }

    SharingRequests.Actor actor(Authentication authentication) {
        SignedIn staff = staff(authentication);
        return new SharingRequests.Actor(staff.accountId(), staff.name(), staff.staffBody(),
                organization.body(staff.staffBody()).name(), staff.has(StaffRole.APPROVER),
                staff.has(StaffRole.SYSTEM_ADMIN));
    }

    /**
     * A certificate-bound access token (RFC 8705 §3) presented without the certificate it is bound to: the caller is
     * not the system the token was issued to, or did not come over the mutual-TLS port.
     */
    static final class UnboundCallException extends RuntimeException {
        private final transient Gateway.Consumer consumer;

        UnboundCallException(Gateway.Consumer consumer) {
            super("certificate-bound token without its certificate");
            this.consumer = consumer;
        }

        /** The system named by the token (not proven to be the caller). */
        Gateway.Consumer consumer() {
            return consumer;
        }
    }

    static final class SignInRequiredException extends RuntimeException {
        SignInRequiredException() {
            super("sign-in required");
        }
    }
}
