package org.tongban.identity.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.identity.sso.ClientSystems;
import org.tongban.identity.sso.SsoAudit;
import org.tongban.identity.sso.SigningKeys;
import org.tongban.platform.web.InvalidFieldException;

/**
 * Admin console: client systems that sign their users in through the platform (单点登录接入管理). The web chain
 * admits only system administrators to {@code /admin/**}; each action checks the role again.
 */
@Controller
@RequestMapping("/admin/clients")
class ClientSystemPages {

    private final ClientSystems clientSystems;
    private final SigningKeys keys;
    private final SsoAudit audit;
    private final MessageSource messages;

    ClientSystemPages(ClientSystems clientSystems, SigningKeys keys, SsoAudit audit, MessageSource messages) {
        this.clientSystems = clientSystems;
        this.keys = keys;
        this.audit = audit;
        this.messages = messages;
    }

    /** The registration form as typed. */
    public static final class RegistrationForm {
        private String name = "";
        private String bodyCreditCode = "";
        private String redirectUris = "";
        private String postLogoutRedirectUris = "";
        private String backChannelLogoutUri = "";
        private Set<String> scopes = new LinkedHashSet<>(List.of("openid", "profile"));
        private boolean thirdParty;
        private String certificateMode = "";
        private String certificateSubjectDn = "";
        private String jwkSetUrl = "";

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getBodyCreditCode() { return bodyCreditCode; }
        public void setBodyCreditCode(String bodyCreditCode) { this.bodyCreditCode = bodyCreditCode; }
        public String getRedirectUris() { return redirectUris; }
        public void setRedirectUris(String redirectUris) { this.redirectUris = redirectUris; }
        public String getPostLogoutRedirectUris() { return postLogoutRedirectUris; }
        public void setPostLogoutRedirectUris(String uris) { this.postLogoutRedirectUris = uris; }
        public String getBackChannelLogoutUri() { return backChannelLogoutUri; }
        public void setBackChannelLogoutUri(String uri) { this.backChannelLogoutUri = uri; }
        public Set<String> getScopes() { return scopes; }
        public void setScopes(Set<String> scopes) { this.scopes = scopes == null ? new LinkedHashSet<>() : scopes; }
        public boolean isThirdParty() { return thirdParty; }
        public void setThirdParty(boolean thirdParty) { this.thirdParty = thirdParty; }
        public String getCertificateMode() { return certificateMode; }
        public void setCertificateMode(String mode) { this.certificateMode = mode == null ? "" : mode; }
        public String getCertificateSubjectDn() { return certificateSubjectDn; }
        public void setCertificateSubjectDn(String dn) { this.certificateSubjectDn = dn == null ? "" : dn; }
        public String getJwkSetUrl() { return jwkSetUrl; }
        public void setJwkSetUrl(String url) { this.jwkSetUrl = url == null ? "" : url; }
    }

    @GetMapping
    String list(Model model) {
        return page(model, new RegistrationForm());
    }

    @PostMapping
    String register(@AuthenticationPrincipal SignedIn admin, @ModelAttribute("form") RegistrationForm form,
            Model model, HttpServletResponse response, Locale locale) {
        requireAdmin(admin);
        try {
            ClientSystems.Issued issued = clientSystems.register(new ClientSystems.Registration(form.getName(),
                    form.getBodyCreditCode(), form.getRedirectUris(), form.getPostLogoutRedirectUris(),
                    form.getBackChannelLogoutUri(), form.getScopes(), form.isThirdParty(), form.getCertificateMode(),
                    form.getCertificateSubjectDn(), form.getJwkSetUrl()), admin.accountId());
            return issued(model, response, issued, "registered");
        } catch (InvalidFieldException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errorField", e.field());
            model.addAttribute("error", messages.getMessage(e.invalidValue().code(), e.invalidValue().arguments(),
                    e.invalidValue().code(), locale));
            return page(model, form);
        }
    }

    @PostMapping("/{clientId}/secret")
    String rotateSecret(@AuthenticationPrincipal SignedIn admin, @PathVariable String clientId, Model model,
            HttpServletResponse response) {
        requireAdmin(admin);
        return issued(model, response, clientSystems.rotateSecret(clientId, admin.accountId()), "rotated");
    }

    @PostMapping("/{clientId}/disable")
    String disable(@AuthenticationPrincipal SignedIn admin, @PathVariable String clientId) {
        requireAdmin(admin);
        clientSystems.disable(clientId, admin.accountId());
        return "redirect:/admin/clients?disabled";
    }

    @PostMapping("/keys/rotate")
    String rotateKey(@AuthenticationPrincipal SignedIn admin) {
        requireAdmin(admin);
        for (String kid : keys.rotate()) {
            audit.record(admin.accountId(), "signing-key.rotated", "signing-key:" + kid, null);
        }
        return "redirect:/admin/clients?keyRotated";
    }

    /** The secret in clear, once: never cached, never in a URL. */
    private String issued(Model model, HttpServletResponse response, ClientSystems.Issued issued, String what) {
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("issued", issued);
        model.addAttribute("issuedWhat", what);
        return page(model, new RegistrationForm());
    }

    private String page(Model model, RegistrationForm form) {
        model.addAttribute("form", form);
        model.addAttribute("clients", clientSystems.list());
        model.addAttribute("allScopes", ClientSystems.SCOPES);
        model.addAttribute("certificateModes", ClientSystems.CERTIFICATE_MODES);
        model.addAttribute("keys", keys.list());
        model.addAttribute("auditEntries", audit.recent(20));
        return "identity/clients";
    }

    private static void requireAdmin(SignedIn admin) {
        if (admin == null || !admin.has(StaffRole.SYSTEM_ADMIN)) {
            throw new org.springframework.security.access.AccessDeniedException("system administrators only");
        }
    }
}
