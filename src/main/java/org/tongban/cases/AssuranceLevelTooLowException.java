package org.tongban.cases;

/** The applicant's real-name assurance level is below what the item requires (DOMAIN §8). */
public class AssuranceLevelTooLowException extends RuntimeException {

    private final int needed;
    private final int actual;

    public AssuranceLevelTooLowException(int needed, int actual) {
        super("case.assurance.too-low " + actual + " < " + needed);
        this.needed = needed;
        this.actual = actual;
    }

    public int needed() {
        return needed;
    }

    public int actual() {
        return actual;
    }
}
