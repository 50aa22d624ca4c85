package org.tongban.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Where unified identity sign-in (统一身份认证) will live. Until the identity module replaces it, the page says
 * plainly that sign-in is not available yet, so nobody is led to believe they signed in.
 */
@Controller
class SignInController {

    @GetMapping("/signin")
    String signIn() {
        return "signin";
    }
}
