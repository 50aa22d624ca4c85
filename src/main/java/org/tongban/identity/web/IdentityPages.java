package org.tongban.identity.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.tongban.identity.AccountView;
import org.tongban.identity.Accounts;
import org.tongban.identity.IdDocumentType;
import org.tongban.identity.Registration;
import org.tongban.identity.SignedIn;
import org.tongban.platform.web.InvalidFieldException;

/** Registration, sign-in and the person's own account page. */
@Controller
class IdentityPages {

    private final Registration registration;
    private final Accounts accounts;
    private final MessageSource messages;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    private final org.tongban.identity.RealNameVerification verification;
    private final org.tongban.identity.sso.SingleSignOut singleSignOut;

    IdentityPages(Registration registration, Accounts accounts, MessageSource messages,
            FindByIndexNameSessionRepository<? extends Session> sessions,
            org.tongban.identity.RealNameVerification verification,
            org.tongban.identity.sso.SingleSignOut singleSignOut) {
        this.verification = verification;
        this.singleSignOut = singleSignOut;
        this.registration = registration;
        this.accounts = accounts;
        this.messages = messages;
        this.sessions = sessions;
    }

    /** The registration form as typed; passwords are never sent back. */
    public static final class RegistrationForm {
        private String name = "";
        private IdDocumentType idType = IdDocumentType.RESIDENT_ID;
        private String idNumber = "";
        private String phone = "";
        private String email = "";
        private String password = "";
        private String passwordAgain = "";

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public IdDocumentType getIdType() { return idType; }
        public void setIdType(IdDocumentType idType) { this.idType = idType; }
        public String getIdNumber() { return idNumber; }
        public void setIdNumber(String idNumber) { this.idNumber = idNumber; }
        public String getPhone() { return phone; }
        public void setPhone(String phone) { this.phone = phone; }
        public String getEmail() { return email; }
        public void setEmail(String email) { this.email = email; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public String getPasswordAgain() { return passwordAgain; }
        public void setPasswordAgain(String passwordAgain) { this.passwordAgain = passwordAgain; }
    }

    @GetMapping("/signin")
    String signIn(@RequestParam(required = false) String registered, Model model) {
        model.addAttribute("identifier", "");
        model.addAttribute("registered", registered != null);
        return "identity/signin";
    }

    /** Where a failed sign-in is forwarded to by the security filter: the form again, with the reason. */
    @RequestMapping("/signin/failed")
    String signInFailed(HttpServletRequest request, Model model) {
        String identifier = request.getParameter("identifier");
        model.addAttribute("identifier", identifier == null ? "" : identifier.strip());
        model.addAttribute("signInError", request.getAttribute("signInError"));
        model.addAttribute("lockedMinutes", request.getAttribute("lockedMinutes"));
        model.addAttribute("registered", false);
        return "identity/signin";
    }

    @GetMapping("/register")
    String registerForm(Model model) {
        model.addAttribute("form", new RegistrationForm());
        model.addAttribute("idTypes", IdDocumentType.values());
        return "identity/register";
    }

    @PostMapping("/register")
    String register(@ModelAttribute("form") RegistrationForm form, Model model, HttpServletResponse response,
            RedirectAttributes redirect, Locale locale) {
        try {
            registration.registerPerson(new Registration.PersonRegistration(form.getName(), form.getIdType(),
                    form.getIdNumber(), form.getPhone(), form.getEmail(), form.getPassword(), form.getPasswordAgain()));
            return "redirect:/signin?registered";
        } catch (InvalidFieldException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            form.setPassword("");
            form.setPasswordAgain("");
            model.addAttribute("idTypes", IdDocumentType.values());
            model.addAttribute("errorField", e.field());
            model.addAttribute("error", messages.getMessage(e.invalidValue().code(), e.invalidValue().arguments(),
                    e.invalidValue().code(), locale));
            return "identity/register";
        }
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal SignedIn signedIn, Model model) {
        AccountView view = accounts.view(signedIn.accountId());
        model.addAttribute("account", view);
        model.addAttribute("signIns", accounts.recentSignIns(signedIn.accountId(), 10));
        model.addAttribute("signedIn", signedIn);
        return "identity/account";
    }

    /** Real-name verification to L2 against the population base data. */
    @PostMapping("/account/verification")
    String verify(@AuthenticationPrincipal SignedIn signedIn,
            @RequestParam(defaultValue = "") String socialSecurityCard, Model model, HttpServletRequest request,
            HttpServletResponse response, Locale locale) {
        try {
            int level = verification.verify(signedIn.accountId(), socialSecurityCard);
            // The session carries the new level at once (step-up).
            signedIn = signedIn.withAssuranceLevel(level);
            SessionPrincipal.replace(signedIn, request, response);
            model.addAttribute("verified", true);
        } catch (org.tongban.shared.InvalidValueException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("verificationError", messages.getMessage(e.code(), e.arguments(), e.code(), locale));
            model.addAttribute("socialSecurityCard", socialSecurityCard);
        }
        return account(signedIn, model);
    }

    /** Ends every session of this account, on every device and node, this one included. */
    @PostMapping("/account/sessions/end-all")
    String endAllSessions(@AuthenticationPrincipal SignedIn signedIn, HttpServletRequest request) {
        // The client systems those sessions signed in to end their sessions too (back-channel logout).
        singleSignOut.endEverySessionOf(signedIn.accountId(), request);
        sessions.findByPrincipalName(signedIn.accountId().toString()).keySet().forEach(sessions::deleteById);
        var current = request.getSession(false);
        if (current != null) {
            current.invalidate();
        }
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
        return "redirect:/signin?endedAll";
    }
}
