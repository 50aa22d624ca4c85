package org.tongban.evaluation.web;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.evaluation.CaseRatings;
import org.tongban.evaluation.RatingView;
import org.tongban.evaluation.RatingAppeals;
import org.tongban.evaluation.Ratings;
import org.tongban.evaluation.RectificationView;
import org.tongban.identity.SignedIn;

/**
 * 好差评 over HTTP: the applicant's ratings of a case, rating it ({@code 201}; {@code evaluation.rating.already-rated}
 * 409, {@code evaluation.rating.not-ratable} 422, {@code cases.application.not-found} 404 for someone else's case),
 * and the body's rectifications and answers.
 */
@RestController
@RequestMapping("/api/v1/evaluation")
class EvaluationApi {

    private final Ratings ratings;
    private final RatingAppeals appeals;

    EvaluationApi(Ratings ratings, RatingAppeals appeals) {
        this.ratings = ratings;
        this.appeals = appeals;
    }

    @GetMapping("/cases/{id}/ratings")
    CaseRatings ofCase(@PathVariable UUID id, @AuthenticationPrincipal SignedIn who) {
        return ratings.ofCase(who, id);
    }

    /** {@code level} 5 (非常满意) … 1 (非常不满意); {@code reasons} codes of {@code RatingReason}. */
    record NewRating(Integer level, List<String> reasons, String comment) {
    }

    @PostMapping("/cases/{id}/ratings")
    @ResponseStatus(HttpStatus.CREATED)
    RatingView rate(@PathVariable UUID id, @RequestBody NewRating rating, @AuthenticationPrincipal SignedIn who) {
        return ratings.rate(who, id, rating.level(), rating.reasons(), rating.comment());
    }

    @GetMapping("/rectifications")
    List<RectificationView> rectifications(@AuthenticationPrincipal SignedIn officer) {
        return ratings.ofBody(officer);
    }

    record Answer(String visitNote, String response) {
    }

    @PostMapping("/rectifications/{id}")
    RectificationView respond(@PathVariable UUID id, @RequestBody Answer answer,
            @AuthenticationPrincipal SignedIn officer) {
        return ratings.respond(officer, id, answer.visitNote(), answer.response());
    }

    record NewAppeal(String reason) {
    }

    /** The rated body appeals one of its bad ratings (申诉). */
    @PostMapping("/ratings/{id}/appeal")
    @ResponseStatus(HttpStatus.CREATED)
    RatingAppeals.AppealView appeal(@PathVariable UUID id, @RequestBody NewAppeal appeal,
            @AuthenticationPrincipal SignedIn officer) {
        return appeals.file(officer, id, appeal.reason());
    }

    /** Appeals waiting for the supervisor's decision, within their division. */
    @GetMapping("/appeals")
    List<RatingAppeals.AppealView> pendingAppeals(@AuthenticationPrincipal SignedIn supervisor) {
        return appeals.pending(supervisor);
    }

    /** {@code uphold} voids the rating; {@code version} is the appeal's version as read. */
    record Decision(boolean uphold, String reason, long version) {
    }

    @PostMapping("/appeals/{id}/decision")
    RatingAppeals.AppealView decide(@PathVariable UUID id, @RequestBody Decision decision,
            @AuthenticationPrincipal SignedIn supervisor) {
        return appeals.decide(supervisor, id, decision.uphold(), decision.reason(), decision.version());
    }
}
