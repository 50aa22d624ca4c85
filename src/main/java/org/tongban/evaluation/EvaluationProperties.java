package org.tongban.evaluation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rectification deadlines of bad ratings, in working days (国办发〔2019〕51号: return visit within 1 working day;
 * rectification within 15 working days is local practice, 5–15 elsewhere), and the limits of hall-visit ratings
 * (一次一评): how long the one-time link on a visit slip stays valid, how long after a visit ended the window's
 * kiosk still offers it, and how many failed kiosk or link requests one address may make within a window; how
 * long the second one-time link sent by SMS after a rectification of a bad visit rating stays valid, and the
 * platform's public address for links in text messages (blank: the address of the request answering the rating).
 */
@ConfigurationProperties("tongban.evaluation")
public record EvaluationProperties(@DefaultValue("1") int visitDays, @DefaultValue("15") int rectifyDays,
        @DefaultValue("72h") Duration visitLinkValidity, @DefaultValue("15m") Duration kioskGrace,
        @DefaultValue("20") int maxFailedAttempts, @DefaultValue("10m") Duration attemptWindow,
        @DefaultValue("30d") Duration reratingLinkValidity, @DefaultValue("") String publicUrl) {

    public EvaluationProperties {
        if (visitDays < 1 || rectifyDays < visitDays) {
            throw new IllegalArgumentException("tongban.evaluation: visit-days >= 1 and rectify-days >= visit-days");
        }
        if (visitLinkValidity.isNegative() || visitLinkValidity.isZero() || kioskGrace.isNegative()
                || maxFailedAttempts < 1 || attemptWindow.isNegative() || attemptWindow.isZero()
                || reratingLinkValidity.isNegative() || reratingLinkValidity.isZero()) {
            throw new IllegalArgumentException("tongban.evaluation: visit-link-validity, rerating-link-validity and "
                    + "attempt-window > 0, "
                    + "kiosk-grace >= 0, max-failed-attempts >= 1");
        }
    }
}
