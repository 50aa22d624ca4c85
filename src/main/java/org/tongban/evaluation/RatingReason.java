package org.tongban.evaluation;

/**
 * The reasons a rater may pick (a fixed list, so that statistics can count them); labels in
 * {@code evaluation.reason.NAME}. {@link #bad()} reasons explain a bad rating, the others a good one.
 */
public enum RatingReason {
    QUICK(false), FRIENDLY(false), CLEAR_GUIDE(false), FEW_VISITS(false), CONVENIENT_ONLINE(false),
    SLOW(true), UNFRIENDLY(true), UNCLEAR_GUIDE(true), EXTRA_MATERIALS(true), REPEATED_VISITS(true),
    SYSTEM_PROBLEMS(true), OTHER(true);

    private final boolean bad;

    RatingReason(boolean bad) {
        this.bad = bad;
    }

    public boolean bad() {
        return bad;
    }
}
