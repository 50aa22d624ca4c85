package org.tongban.shared;

/**
 * A period reaches into a year whose holiday arrangement the platform does not hold. Legal periods are counted in
 * working days (行政许可法 Art. 82), so the answer is never guessed; an administrator imports the year instead.
 */
public class CalendarYearMissingException extends RuntimeException {

    public static final String CODE = "shared.calendar.year-missing";

    private final int year;

    public CalendarYearMissingException(int year) {
        super(CODE + " [" + year + "]");
        this.year = year;
    }

    public int year() {
        return year;
    }

    public String code() {
        return CODE;
    }

    public Object[] arguments() {
        return new Object[] { String.valueOf(year) };
    }
}
