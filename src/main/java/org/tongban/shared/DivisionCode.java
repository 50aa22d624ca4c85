package org.tongban.shared;

import java.util.Optional;

/**
 * An administrative division code: GB/T 2260 six digits for province, city and county (210000 辽宁省, 210100 沈阳市,
 * 210112 浑南区), and the 12-digit statistical code below (county, or a city without counties, + 3-digit township +
 * 3-digit village). The level follows from the code. A 12-digit code that only pads a county or higher code with zeros
 * is the same division and is normalized to its six digits.
 */
public final class DivisionCode implements Comparable<DivisionCode> {

    private final String value;
    private final DivisionLevel level;

    private DivisionCode(String value, DivisionLevel level) {
        this.value = value;
        this.level = level;
    }

    /**
     * @throws InvalidValueException {@code shared.division-code.format} when the text is not 6 or 12 digits, or
     *         {@code shared.division-code.structure} when the parts do not nest (a village without a township, a
     *         township directly under a province, a province outside 11–82)
     */
    public static DivisionCode of(String text) {
        String code = text == null ? "" : text.strip();
        if (!(code.length() == 6 || code.length() == 12) || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidValueException("shared.division-code.format", text, text);
        }
        if (code.length() == 12) {
            String township = code.substring(6, 9);
            String village = code.substring(9);
            if (township.equals("000") && village.equals("000")) {
                code = code.substring(0, 6);
            } else if (township.equals("000")) {
                throw new InvalidValueException("shared.division-code.structure", text, text);
            } else {
                requireTownshipHead(code.substring(0, 6), text);
                return new DivisionCode(code, village.equals("000") ? DivisionLevel.TOWNSHIP : DivisionLevel.VILLAGE);
            }
        }
        int province = Integer.parseInt(code.substring(0, 2));
        if (province < 11 || province > 82) {
            throw new InvalidValueException("shared.division-code.structure", text, text);
        }
        boolean noCity = code.startsWith("00", 2);
        boolean noCounty = code.startsWith("00", 4);
        if (noCity && noCounty) {
            return new DivisionCode(code, DivisionLevel.PROVINCE);
        }
        if (noCounty) {
            return new DivisionCode(code, DivisionLevel.CITY);
        }
        // A county directly under the province (e.g. 省直辖县级行政单位 4290xx) has city digits but no city; it is
        // still a county.
        return new DivisionCode(code, DivisionLevel.COUNTY);
    }

    /**
     * Townships hang below a county, or directly below a prefecture-level city that has no counties (不设区的地级市:
     * 东莞 441900, 中山 442000, 儋州 460400, whose towns the statistical codes spell 441900xxx000).
     */
    private static void requireTownshipHead(String head, String text) {
        DivisionLevel level;
        try {
            level = of(head).level;
        } catch (InvalidValueException e) {
            throw new InvalidValueException(e.code(), text, text);
        }
        if (level != DivisionLevel.COUNTY && level != DivisionLevel.CITY) {
            throw new InvalidValueException("shared.division-code.structure", text, text);
        }
    }

    /** Whether the text is a valid division code. */
    public static boolean isValid(String text) {
        try {
            of(text);
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }

    public String value() {
        return value;
    }

    public DivisionLevel level() {
        return level;
    }

    /** The division one level up as the code spells it; empty for a province. */
    public Optional<DivisionCode> parent() {
        return switch (level) {
            case PROVINCE -> Optional.empty();
            case CITY -> Optional.of(new DivisionCode(value.substring(0, 2) + "0000", DivisionLevel.PROVINCE));
            // of(): a county code without city digits (xx00yy) spells its province as the next division up.
            case COUNTY -> Optional.of(of(value.substring(0, 4) + "00"));
            case TOWNSHIP -> Optional.of(of(value.substring(0, 6)));
            case VILLAGE -> Optional.of(new DivisionCode(value.substring(0, 9) + "000", DivisionLevel.TOWNSHIP));
        };
    }

    /** This division and every division above it as the codes spell them, province first. */
    public java.util.List<DivisionCode> lineage() {
        java.util.List<DivisionCode> codes = new java.util.ArrayList<>();
        for (DivisionCode code = this; code != null; code = code.parent().orElse(null)) {
            codes.addFirst(code);
        }
        return codes;
    }

    /**
     * The code prefix every division within this one shares: 2 digits for a province, 4 for a city, all 6 for a
     * county, 9 for a township, all 12 for a village.
     */
    public String prefix() {
        return switch (level) {
            case PROVINCE -> value.substring(0, 2);
            case CITY -> value.substring(0, 4);
            case COUNTY, VILLAGE -> value;
            case TOWNSHIP -> value.substring(0, 9);
        };
    }

    /** Whether {@code other} is this division or lies anywhere below it. */
    public boolean contains(DivisionCode other) {
        return other.value.startsWith(prefix()) && other.level.ordinal() >= level.ordinal();
    }

    @Override
    public int compareTo(DivisionCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DivisionCode code && code.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
