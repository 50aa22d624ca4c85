package org.tongban.supervision;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Supervision settings ({@code tongban.supervision.*}); each is local practice with a working default.
 *
 * @param complaintDays working days within which supervisors answer a complaint about one's own case
 * @param specialProcedureDays the longest a special procedure (特别程序) of a kind may run, in working days; a kind
 *        not named gets {@code specialProcedureDefaultDays}. HEARING defaults to 20 (行政许可法 Art. 48 para. 1 (3):
 *        the hearing is held within 20 days of the request)
 * @param specialProcedureDefaultDays the limit of the kinds not named
 * @param repeatedReturns the number of returns (退回) of one case that is a finding
 * @param anomalyScan the job that finds special procedures still running past their limit
 * @param petitions consultations, complaints and reports by anyone
 * @param dashboard the supervision dashboard's figures
 * @param assessment the monthly performance assessment (绩效考核)
 * @param escalation the escalation of overdue cases (超期督办)
 */
@ConfigurationProperties("tongban.supervision")
public record SupervisionProperties(@DefaultValue("5") int complaintDays, Map<String, Integer> specialProcedureDays,
        @DefaultValue("30") int specialProcedureDefaultDays, @DefaultValue("2") int repeatedReturns,
        @DefaultValue AnomalyScan anomalyScan, @DefaultValue Petitions petitions,
        @DefaultValue Dashboard dashboard, @DefaultValue Assessment assessment,
        @DefaultValue Escalation escalation) {

    public SupervisionProperties {
        if (complaintDays < 1) {
            throw new IllegalArgumentException("tongban.supervision.complaint-days must be at least 1");
        }
        if (repeatedReturns < 2) {
            throw new IllegalArgumentException("tongban.supervision.repeated-returns must be at least 2");
        }
        Map<String, Integer> limits = new HashMap<>(Map.of("HEARING", 20));
        if (specialProcedureDays != null) {
            // Environment variables bind keys in lower case: kinds are matched in upper case.
            specialProcedureDays.forEach((kind, days) -> limits.put(kind.toUpperCase(java.util.Locale.ROOT), days));
        }
        specialProcedureDays = Map.copyOf(limits);
    }

    /** Working days a special procedure of this kind may run. */
    public int specialProcedureLimit(String kind) {
        return specialProcedureDays.getOrDefault(kind, specialProcedureDefaultDays);
    }

    /**
     * @param enabled whether this node runs the scan (every node may: findings are recorded once)
     * @param interval how often
     */
    public record AnomalyScan(@DefaultValue("true") boolean enabled, @DefaultValue("1h") Duration interval) {
    }

    /**
     * @param interval how often red lights not escalated yet are escalated (read by the job's schedule)
     * @param smsEnabled whether each person notified also gets one text message per run (through identity's SMS
     *        gateway; counts and case numbers only)
     */
    public record Escalation(@DefaultValue("10m") Duration interval, @DefaultValue("true") boolean smsEnabled) {
    }

    /**
     * @param consultationDays working days to answer a consultation (咨询)
     * @param complaintDays working days to answer a complaint (投诉)
     * @param reportDays working days to answer a report (举报)
     * @param maxPerPhone anonymous submissions per phone within {@code window}
     * @param maxPerAddress anonymous submissions from one IP address within {@code window}
     * @param window the window of both limits
     */
    public record Petitions(@DefaultValue("3") int consultationDays, @DefaultValue("10") int complaintDays,
            @DefaultValue("15") int reportDays, @DefaultValue("3") int maxPerPhone,
            @DefaultValue("10") int maxPerAddress, @DefaultValue("24h") Duration window) {

        public Petitions {
            if (consultationDays < 1 || complaintDays < 1 || reportDays < 1) {
                throw new IllegalArgumentException("tongban.supervision.petitions.*-days must be at least 1");
            }
        }
    }

    /**
     * @param rebuildOnStart recompute the dashboard's figures from the cases and ratings tables once at start-up (for
     *        recovery, or the first start after an upgrade), then go on counting events
     * @param maxPeriodDays the longest period the dashboard answers at once
     */
    public record Dashboard(@DefaultValue("false") boolean rebuildOnStart, @DefaultValue("366") int maxPeriodDays) {

        public Dashboard {
            if (maxPeriodDays < 1) {
                throw new IllegalArgumentException("tongban.supervision.dashboard.max-period-days must be at least 1");
            }
        }
    }

    /**
     * The monthly performance assessment (绩效考核). The composite score of a body is the weighted mean of the scores
     * of its indicators that have a denominator that month (an indicator without one is left out and the weights of
     * the others count); each weight is relative, 0 leaves the indicator out of the score.
     *
     * @param closeAfterDays days after the end of a month before its figures are frozen (late events, such as a
     *        rating given on the last evening, are still counted until then)
     * @param maxVisits the on-site visits that score 0 (DOMAIN §3: 到办事现场次数 is 0, 1 or 2); 0 visits score 1
     * @param weights relative weight per indicator
     * @param freezeEnabled whether the scheduled job freezes the last closed month
     * @param freezeInterval how often the job looks for a closed month not yet frozen (a month is frozen within this
     *        interval after it closes, or on its first request if that comes first)
     */
    public record Assessment(@DefaultValue("3") int closeAfterDays, @DefaultValue("2") int maxVisits,
            @DefaultValue Weights weights, @DefaultValue("true") boolean freezeEnabled,
            @DefaultValue("1h") Duration freezeInterval) {

        public Assessment {
            if (closeAfterDays < 0) {
                throw new IllegalArgumentException("tongban.supervision.assessment.close-after-days must be >= 0");
            }
            if (maxVisits < 1) {
                throw new IllegalArgumentException("tongban.supervision.assessment.max-visits must be at least 1");
            }
        }
    }

    /** Relative weights of the indicators in the composite score ({@code tongban.supervision.assessment.weights.*}). */
    public record Weights(@DefaultValue("15") int online, @DefaultValue("15") int fullOnline,
            @DefaultValue("10") int visits, @DefaultValue("10") int onceOnly, @DefaultValue("20") int onTime,
            @DefaultValue("15") int satisfaction, @DefaultValue("10") int rectification,
            @DefaultValue("5") int complaints) {

        public Weights {
            int[] all = { online, fullOnline, visits, onceOnly, onTime, satisfaction, rectification, complaints };
            int sum = 0;
            for (int w : all) {
                if (w < 0) {
                    throw new IllegalArgumentException("tongban.supervision.assessment.weights.* must be >= 0");
                }
                sum += w;
            }
            if (sum == 0) {
                throw new IllegalArgumentException("tongban.supervision.assessment.weights: at least one above 0");
            }
        }
    }
}
