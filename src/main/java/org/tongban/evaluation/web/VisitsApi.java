package org.tongban.evaluation.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tongban.evaluation.RatingView;
import org.tongban.evaluation.Visits;
import org.tongban.identity.SignedIn;

/**
 * Hall-visit ratings (一次一评) over HTTP. Window officers record ({@code 201}) and end visits (the answer carries the
 * slip's one-time rating link, once) and bind kiosks; a kiosk reads its window's current visit and rates it with its
 * device token in {@code X-Kiosk-Token}; anyone holding a slip's link rates by its token.
 *
 * <p>Problems: {@code 400} naming the field ({@code windowId}, {@code phone}, {@code itemCode}, {@code caseNumber},
 * {@code level}, {@code reasons}, {@code comment}); {@code 404} {@code evaluation.kiosk.not-found} without the
 * window's device token, {@code evaluation.visit.link-unknown}; {@code 409} {@code evaluation.visit.already-rated}
 * for a second rating of a visit, and also {@code evaluation.visit.link-used} / {@code evaluation.visit.link-expired}
 * for a link that existed but can no longer be used (409 rather than 410: the visit is still there, only the link's
 * state forbids the request); {@code 429} {@code evaluation.kiosk.too-many} after too many failed requests.
 *
 * <p>The visitor's own visits ({@code /my-visits}, signed in): the first rating of a visit recorded for the account
 * ({@code 201}; {@code 409} {@code evaluation.visit.rating-closed} once the slip link's validity is over), the rated
 * body's answer to a bad rating and the second rating ({@code 201}; {@code 409}
 * {@code evaluation.visit.rerating-not-open} before the answer, {@code evaluation.visit.already-rated} after the
 * second or after a first rating that was not bad; {@code 404} for a visit not recorded for the account).
 * The SMS link sent with the answer rates the second round through {@code /visit-ratings/{token}} like the slip's.
 */
@RestController
@RequestMapping("/api/v1/evaluation")
class VisitsApi {

    static final String KIOSK_HEADER = "X-Kiosk-Token";

    private final Visits visits;

    VisitsApi(Visits visits) {
        this.visits = visits;
    }

    record NewVisit(UUID windowId, String phone, String itemCode, String caseNumber) {
    }

    @PostMapping("/visits")
    @ResponseStatus(HttpStatus.CREATED)
    Visits.VisitView start(@RequestBody NewVisit visit, @AuthenticationPrincipal SignedIn officer) {
        return visits.start(officer, visit.windowId(), visit.phone(), visit.itemCode(), visit.caseNumber());
    }

    @GetMapping("/visits")
    List<Visits.VisitView> recent(@AuthenticationPrincipal SignedIn officer) {
        return visits.recent(officer);
    }

    /** The slip: the visit, the one-time token, its link and when it expires. */
    record SlipAnswer(Visits.VisitView visit, String token, String ratingUrl, java.time.Instant expiresAt) {
    }

    @PostMapping("/visits/{id}/end")
    SlipAnswer end(@PathVariable UUID id, @AuthenticationPrincipal SignedIn officer) {
        Visits.Slip slip = visits.end(officer, id);
        return new SlipAnswer(slip.visit(), slip.token(), VisitPages.ratingUrl(slip.token()), slip.expiresAt());
    }

    @PostMapping("/windows/{windowId}/kiosk-devices")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> bind(@PathVariable UUID windowId, @AuthenticationPrincipal SignedIn officer) {
        String token = visits.bindKiosk(officer, windowId);
        return Map.of("deviceToken", token, "kioskUrl", ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/kiosk/windows/{id}").buildAndExpand(windowId).toUriString());
    }

    @GetMapping("/kiosk/windows/{windowId}")
    Visits.KioskView kiosk(@PathVariable UUID windowId,
            @RequestHeader(name = KIOSK_HEADER, required = false) String device, HttpServletRequest request) {
        return visits.kiosk(windowId, device, request.getRemoteAddr());
    }

    /** {@code level} 5 (非常满意) … 1 (非常不满意); {@code reasons} codes of {@code RatingReason}. */
    record KioskRating(UUID visitId, Integer level, List<String> reasons, String comment) {
    }

    @PostMapping("/kiosk/windows/{windowId}/ratings")
    @ResponseStatus(HttpStatus.CREATED)
    RatingView rateAtKiosk(@PathVariable UUID windowId, @RequestBody KioskRating rating,
            @RequestHeader(name = KIOSK_HEADER, required = false) String device, HttpServletRequest request) {
        return visits.rateAtKiosk(windowId, device, request.getRemoteAddr(), rating.visitId(), rating.level(),
                rating.reasons(), rating.comment());
    }

    @GetMapping("/my-visits")
    List<Visits.OwnVisit> mine(@AuthenticationPrincipal SignedIn who) {
        return visits.mine(who);
    }

    @PostMapping("/my-visits/{id}/ratings")
    @ResponseStatus(HttpStatus.CREATED)
    RatingView rateOwn(@PathVariable UUID id, @RequestBody LinkRating rating,
            @AuthenticationPrincipal SignedIn who) {
        return visits.rate(who, id, rating.level(), rating.reasons(), rating.comment());
    }

    @GetMapping("/visit-ratings/{token}")
    Visits.LinkView link(@PathVariable String token, HttpServletRequest request) {
        return visits.link(token, request.getRemoteAddr());
    }

    record LinkRating(Integer level, List<String> reasons, String comment) {
    }

    @PostMapping("/visit-ratings/{token}")
    @ResponseStatus(HttpStatus.CREATED)
    RatingView rateByLink(@PathVariable String token, @RequestBody LinkRating rating, HttpServletRequest request) {
        return visits.rateByLink(token, request.getRemoteAddr(), rating.level(), rating.reasons(), rating.comment());
    }
}
