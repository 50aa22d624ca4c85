package org.tongban.organization;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;

/**
 * The division a person chose in the portal, remembered in a cookie so that the next visit starts there. A
 * missing, malformed or unknown value falls back to the province.
 */
@Component
public class CurrentDivision {

    public static final String COOKIE = "tongban_division";

    private final Organization organization;

    CurrentDivision(Organization organization) {
        this.organization = organization;
    }

    /** The division the person chose, or the province. */
    public DivisionSummary of(HttpServletRequest request) {
        return chosen(request).orElseGet(this::province);
    }

    public Optional<DivisionSummary> chosen(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies).filter(c -> COOKIE.equals(c.getName())).findFirst().flatMap(c -> {
            try {
                return Optional.of(organization.division(DivisionCode.of(c.getValue())));
            } catch (InvalidValueException | NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    public DivisionSummary province() {
        try {
            return organization.division(organization.province());
        } catch (NotFoundException e) {
            // No division data loaded yet (external database without demo data).
            DivisionCode code = organization.province();
            return new DivisionSummary(code.value(), code.value(), code.level(), null, code.value(), 0, false);
        }
    }

    public void remember(DivisionCode code, HttpServletResponse response) {
        ResponseCookie cookie = ResponseCookie.from(COOKIE, code.value()).path("/").maxAge(Duration.ofDays(365))
                .httpOnly(true).sameSite("Lax").build();
        response.addHeader("Set-Cookie", cookie.toString());
    }

    /** Fills the model attributes of the division picker fragment ({@code organization/picker :: picker}). */
    public void addPicker(DivisionSummary at, Model model) {
        DivisionCode code = DivisionCode.of(at.code());
        boolean loaded = !at.name().equals(at.code());
        model.addAttribute("current", at);
        model.addAttribute("pickerAt", at);
        model.addAttribute("pickerLineage", loaded ? organization.lineage(code) : java.util.List.of());
        model.addAttribute("pickerChildren", loaded ? organization.children(code) : java.util.List.of());
    }
}
