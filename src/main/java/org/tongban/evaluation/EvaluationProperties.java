package org.tongban.evaluation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rectification deadlines of bad ratings, in working days (国办发〔2019〕51号: return visit within 1 working day;
 * rectification within 15 working days is local practice, 5–15 elsewhere).
 */
@ConfigurationProperties("tongban.evaluation")
public record EvaluationProperties(@DefaultValue("1") int visitDays, @DefaultValue("15") int rectifyDays) {

    public EvaluationProperties {
        if (visitDays < 1 || rectifyDays < visitDays) {
            throw new IllegalArgumentException("tongban.evaluation: visit-days >= 1 and rectify-days >= visit-days");
        }
    }
}
