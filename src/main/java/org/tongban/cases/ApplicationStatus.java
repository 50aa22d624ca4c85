package org.tongban.cases;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an application stands, as the applicant sees it (DOMAIN §5: 已提交 → 预审中 → 待补正 → 已受理 / 不予受理).
 * Later statuses (办理中, 已办结 ...) belong to the handling that follows acceptance.
 */
public enum ApplicationStatus {
    /** 草稿: only the applicant sees it. */
    DRAFT,
    /** 已提交: received, the acceptance clock runs. */
    SUBMITTED,
    /** 预审中: a window officer has opened it. */
    PRE_REVIEW,
    /** 待补正: the applicant was told, in one notice, everything to correct (一次告知). */
    CORRECTION_REQUESTED,
    /** 已受理 (by decision or by operation of law). */
    ACCEPTED,
    /** 不予受理 */
    NOT_ACCEPTED,
    /** 已撤回 */
    WITHDRAWN;

    /** Awaiting the acceptance decision: the 5-working-day clock runs (行政许可法 Art. 32). */
    public static final Set<ApplicationStatus> AWAITING_DECISION = EnumSet.of(SUBMITTED, PRE_REVIEW);

    /** The applicant may still change values and materials. */
    public boolean editable() {
        return this == DRAFT || this == CORRECTION_REQUESTED;
    }

    /** The applicant may withdraw before any decision. */
    public boolean withdrawable() {
        return this == SUBMITTED || this == PRE_REVIEW || this == CORRECTION_REQUESTED;
    }
}
