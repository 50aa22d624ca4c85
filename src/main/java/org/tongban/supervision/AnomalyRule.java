package org.tongban.supervision;

/**
 * The anomaly rules of electronic supervision (电子监察异常规则), each with the law or policy it checks.
 */
public enum AnomalyRule {
    /** Accepted while a required (必要) material of the guide was missing: 行政许可法 Art. 32 para. 1 (5) accepts only
     * complete applications; 容缺后补 materials and those obtained by sharing are not missing. */
    MISSING_REQUIRED_MATERIAL,
    /** A later correction notice asks for something the first did not: 一次告知, 行政许可法 Art. 32 para. 1 (4). */
    REPEATED_NOTICE,
    /** A correction notice asks for a material the published guide does not list: 行政许可法 Art. 31 (no materials
     * unrelated to the licence), DOMAIN §3 (no body may demand anything not in the published guide). */
    EXTRA_DEMAND,
    /** A special procedure ran longer than allowed: 行政许可法 Art. 45, Art. 48 para. 1 (3) (hearing within 20 days);
     * other limits are local practice ({@code tongban.supervision.special-procedure-days}). */
    SUSPENSION_TOO_LONG,
    /** A special procedure without the written notice to the applicant 行政许可法 Art. 45 requires. */
    SUSPENSION_WITHOUT_NOTICE,
    /** Decided after the deadline (promised limit, moved by special procedures and an approved extension):
     * 行政许可法 Art. 42. */
    LATE_DECISION,
    /** A case sent back (退回) within the body again and again: 国发〔2016〕55号 asks that every case be supervised over
     * its whole course; the threshold is local practice ({@code tongban.supervision.repeated-returns}). */
    REPEATED_RETURNS
}
