package org.tongban.evaluation.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tongban.evaluation.RatingLevel;
import org.tongban.evaluation.RatingReason;
import org.tongban.evaluation.RatingRefusedException;
import org.tongban.evaluation.Visits;
import org.tongban.identity.SignedIn;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.platform.web.QrCodes;
import org.tongban.shared.NotFoundException;

/**
 * Hall-visit ratings (一次一评) as pages: the window officer's visits page (record, end, print the slip with its QR
 * code, bind this device as the window's kiosk), the kiosk page of a window (five large buttons, reason chips, free
 * text; it resets for the next person), and the phone page the slip's QR code opens.
 *
 * <p>The kiosk's device token lives in an HttpOnly, SameSite=Strict cookie limited to {@code /kiosk}; the kiosk's
 * form carries the CSRF token like every form.
 */
@Controller
class VisitPages {

    static final String KIOSK_COOKIE = "TONGBAN_KIOSK";

    private final Visits visits;
    private final MessageSource messages;

    VisitPages(Visits visits, MessageSource messages) {
        this.visits = visits;
        this.messages = messages;
    }

    /** The absolute link a slip's QR code carries. */
    static String ratingUrl(String token) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/visit-rating/{token}").buildAndExpand(token)
                .toUriString();
    }

    // --- window officer

    @GetMapping("/workbench/visits")
    String visitsPage(@AuthenticationPrincipal SignedIn officer, Model model) {
        model.addAttribute("halls", visits.halls(officer));
        model.addAttribute("visits", visits.recent(officer));
        if (!model.containsAttribute("typed")) {
            model.addAttribute("typed", new Typed(null, "", "", ""));
        }
        return "evaluation/visits";
    }

    /** What the officer typed, kept across the redirect (in the shared session, so serializable). */
    record Typed(UUID windowId, String phone, String itemCode, String caseNumber) implements java.io.Serializable {
    }

    record FieldMessage(String field, String message) implements java.io.Serializable {
    }

    @PostMapping("/workbench/visits")
    String start(@RequestParam(required = false) UUID windowId, @RequestParam(defaultValue = "") String phone,
            @RequestParam(defaultValue = "") String itemCode, @RequestParam(defaultValue = "") String caseNumber,
            @AuthenticationPrincipal SignedIn officer, Locale locale, RedirectAttributes redirect) {
        try {
            Visits.VisitView visit = visits.start(officer, windowId, phone, itemCode, caseNumber);
            redirect.addFlashAttribute("started", visit.id());
        } catch (InvalidFieldException e) {
            redirect.addFlashAttribute("error", new FieldMessage(e.field(), messages.getMessage(
                    e.invalidValue().code(), e.invalidValue().arguments(), locale)));
            redirect.addFlashAttribute("typed", new Typed(windowId, phone, itemCode, caseNumber));
        }
        return "redirect:/workbench/visits";
    }

    @PostMapping("/workbench/visits/{id}/end")
    String end(@PathVariable UUID id, @AuthenticationPrincipal SignedIn officer, RedirectAttributes redirect) {
        Visits.Slip slip = visits.end(officer, id);
        redirect.addFlashAttribute("slipToken", slip.token());
        redirect.addFlashAttribute("slipExpires", slip.expiresAt());
        return "redirect:/workbench/visits/" + id + "/slip";
    }

    /** The visit slip: with the QR code right after the visit ended (the link is shown once and never stored). */
    @GetMapping("/workbench/visits/{id}/slip")
    String slip(@PathVariable UUID id, @AuthenticationPrincipal SignedIn officer, Model model, Locale locale) {
        model.addAttribute("visit", visits.ofOfficer(officer, id));
        Object token = model.getAttribute("slipToken");
        if (token instanceof String t) {
            String url = ratingUrl(t);
            model.addAttribute("ratingUrl", url);
            model.addAttribute("qr", QrCodes.svg(url, messages.getMessage("evaluation.visit.slip.qr", null, locale)));
        }
        return "evaluation/visit-slip";
    }

    /** Binds the device this request comes from as the window's kiosk, then opens the kiosk page. */
    @PostMapping("/workbench/visits/windows/{windowId}/kiosk")
    String bind(@PathVariable UUID windowId, @AuthenticationPrincipal SignedIn officer, HttpServletRequest request,
            HttpServletResponse response) {
        String token = visits.bindKiosk(officer, windowId);
        ResponseCookie cookie = ResponseCookie.from(KIOSK_COOKIE, token).path(request.getContextPath() + "/kiosk")
                .httpOnly(true).secure(request.isSecure()).sameSite("Strict").maxAge(Duration.ofDays(365)).build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
        // The device now serves visitors: the officer's session must not stay on it (a visitor could walk into the
        // workbench). Signed out here, the kiosk runs in an anonymous session that can only rate.
        new SecurityContextLogoutHandler().logout(request, response,
                SecurityContextHolder.getContext().getAuthentication());
        return "redirect:/kiosk/windows/" + windowId;
    }

    // --- kiosk

    @GetMapping("/kiosk/windows/{windowId}")
    String kiosk(@PathVariable UUID windowId, @CookieValue(name = KIOSK_COOKIE, required = false) String device,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            model.addAttribute("kiosk", visits.kiosk(windowId, device, request.getRemoteAddr()));
        } catch (NotFoundException e) {
            response.setStatus(404);
            return "evaluation/kiosk-unbound";
        }
        choices(model);
        return "evaluation/kiosk";
    }

    @PostMapping("/kiosk/windows/{windowId}")
    String rateAtKiosk(@PathVariable UUID windowId, @RequestParam(required = false) UUID visitId,
            @RequestParam(required = false) Integer level, @RequestParam(required = false) List<String> reasons,
            @RequestParam(defaultValue = "") String comment,
            @CookieValue(name = KIOSK_COOKIE, required = false) String device, HttpServletRequest request,
            HttpServletResponse response, Locale locale, Model model, RedirectAttributes redirect) {
        try {
            visits.rateAtKiosk(windowId, device, request.getRemoteAddr(), visitId, level, reasons, comment);
            redirect.addFlashAttribute("thanks", true);
            return "redirect:/kiosk/windows/" + windowId;
        } catch (NotFoundException e) {
            if (e.code().startsWith("evaluation.kiosk")) {
                response.setStatus(404);
                return "evaluation/kiosk-unbound";
            }
            // The visit is no longer the window's current one: back to the kiosk's present state.
            redirect.addFlashAttribute("gone", true);
            return "redirect:/kiosk/windows/" + windowId;
        } catch (RatingRefusedException e) {
            redirect.addFlashAttribute("gone", true);
            return "redirect:/kiosk/windows/" + windowId;
        } catch (InvalidFieldException e) {
            response.setStatus(400);
            model.addAttribute("kiosk", visits.kiosk(windowId, device, request.getRemoteAddr()));
            keep(model, e, level, reasons, comment, locale);
            choices(model);
            return "evaluation/kiosk";
        }
    }

    // --- the visitor's own visits: the first rating, the body's answer and the second rating

    @GetMapping("/account/visits")
    String mine(@AuthenticationPrincipal SignedIn who, Model model) {
        model.addAttribute("visits", visits.mine(who));
        choices(model);
        return "evaluation/my-visits";
    }

    @PostMapping("/account/visits/{id}/rating")
    String rateOwn(@PathVariable UUID id, @RequestParam(required = false) Integer level,
            @RequestParam(required = false) List<String> reasons, @RequestParam(defaultValue = "") String comment,
            @AuthenticationPrincipal SignedIn who, HttpServletResponse response, Locale locale, Model model,
            RedirectAttributes redirect) {
        try {
            visits.rate(who, id, level, reasons, comment);
            redirect.addFlashAttribute("rated", id);
            return "redirect:/account/visits";
        } catch (RatingRefusedException e) {
            if (e.reason() == RatingRefusedException.Reason.FORBIDDEN
                    || e.reason() == RatingRefusedException.Reason.SIGN_IN) {
                throw e;
            }
            redirect.addFlashAttribute("refused", messages.getMessage(e.code(), e.arguments(), locale));
            return "redirect:/account/visits";
        } catch (InvalidFieldException e) {
            // The form again with what was chosen and typed, the message next to the field.
            response.setStatus(400);
            model.addAttribute("visits", visits.mine(who));
            model.addAttribute("formFor", id);
            keep(model, e, level, reasons, comment, locale);
            choices(model);
            return "evaluation/my-visits";
        }
    }

    // --- the slip's link (phone)

    @GetMapping("/visit-rating/{token}")
    String link(@PathVariable String token, HttpServletRequest request, HttpServletResponse response,
            Locale locale, Model model) {
        model.addAttribute("token", token);
        try {
            model.addAttribute("link", visits.link(token, request.getRemoteAddr()));
        } catch (NotFoundException | RatingRefusedException e) {
            return closed(e, response, locale, model);
        }
        choices(model);
        return "evaluation/visit-rating";
    }

    @PostMapping("/visit-rating/{token}")
    String rateByLink(@PathVariable String token, @RequestParam(required = false) Integer level,
            @RequestParam(required = false) List<String> reasons, @RequestParam(defaultValue = "") String comment,
            HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        model.addAttribute("token", token);
        try {
            visits.rateByLink(token, request.getRemoteAddr(), level, reasons, comment);
            model.addAttribute("rated", true);
            return "evaluation/visit-rating";
        } catch (NotFoundException | RatingRefusedException e) {
            return closed(e, response, locale, model);
        } catch (InvalidFieldException e) {
            response.setStatus(400);
            model.addAttribute("link", visits.link(token, request.getRemoteAddr()));
            keep(model, e, level, reasons, comment, locale);
            choices(model);
            return "evaluation/visit-rating";
        }
    }

    private String closed(RuntimeException e, HttpServletResponse response, Locale locale, Model model) {
        String code = e instanceof NotFoundException n ? n.code() : ((RatingRefusedException) e).code();
        response.setStatus(e instanceof NotFoundException ? 404 : 409);
        model.addAttribute("closed", messages.getMessage(code, null, locale));
        return "evaluation/visit-rating";
    }

    private void keep(Model model, InvalidFieldException e, Integer level, List<String> reasons, String comment,
            Locale locale) {
        model.addAttribute("error", new FieldMessage(e.field(),
                messages.getMessage(e.invalidValue().code(), e.invalidValue().arguments(), locale)));
        model.addAttribute("chosenLevel", level);
        model.addAttribute("chosenReasons", reasons == null ? List.of() : reasons);
        model.addAttribute("comment", comment);
    }

    private static void choices(Model model) {
        model.addAttribute("levels", RatingLevel.values());
        model.addAttribute("reasonChoices", RatingReason.values());
        if (!model.containsAttribute("chosenReasons")) {
            model.addAttribute("chosenReasons", List.of());
            model.addAttribute("comment", "");
        }
    }
}
