package org.tongban.identity.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tongban.identity.SignedIn;
import org.tongban.identity.sso.ClientSystems;
import org.tongban.shared.NotFoundException;

/**
 * The consent page for third-party client systems (第三方应用授权): who asks, which body answers for it, what it
 * will learn. The answer goes to the authorization endpoint; first-party department systems never show it.
 */
@Controller
class ConsentPage {

    private final ClientSystems clientSystems;

    ConsentPage(ClientSystems clientSystems) {
        this.clientSystems = clientSystems;
    }

    @GetMapping("/account/consent")
    String consent(@AuthenticationPrincipal SignedIn person, @RequestParam("client_id") String clientId,
            @RequestParam(name = "scope", defaultValue = "") String scope, @RequestParam String state, Model model) {
        ClientSystems.ClientSystem client = clientSystems.get(clientId);
        if (!client.enabled()) {
            throw new NotFoundException("sso.client.not-found", clientId);
        }
        List<String> scopes = new ArrayList<>(Arrays.stream(scope.split(" ")).filter(s -> !s.isBlank()).toList());
        if (scopes.isEmpty()) {
            scopes.add(OidcScopes.OPENID);
        }
        model.addAttribute("client", client);
        model.addAttribute("scopes", scopes);
        model.addAttribute("state", state);
        model.addAttribute("person", person);
        return "identity/consent";
    }
}
