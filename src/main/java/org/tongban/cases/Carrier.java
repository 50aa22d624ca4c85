package org.tongban.cases;

import java.util.regex.Pattern;

/**
 * Carriers that post results (寄递企业) and the shape of their waybill numbers (运单号), so a mistyped number is
 * caught when the officer records the posting rather than when the applicant tries to track it.
 */
public enum Carrier {
    /** 中国邮政 EMS: a domestic 13-digit number, or an international UPU S10 number with its check digit. */
    EMS("\\d{13}"),
    /** 中国邮政（挂号信、快递包裹） */
    CHINA_POST("\\d{13}"),
    /** 顺丰速运: SF and 13 digits, or 12 digits. */
    SF("SF\\d{13}|\\d{12}"),
    /** 京东物流 */
    JD("JD[A-Z0-9]{11,13}"),
    /** 中通快递 */
    ZTO("\\d{12,15}"),
    /** 圆通速递 */
    YTO("YT\\d{13}"),
    /** 申通快递 */
    STO("\\d{12,15}"),
    /** 韵达快递 */
    YUNDA("\\d{13,15}");

    private static final Pattern S10 = Pattern.compile("[A-Z]{2}\\d{9}[A-Z]{2}");
    private static final int[] S10_WEIGHTS = { 8, 6, 4, 2, 3, 5, 9, 7 };

    private final Pattern pattern;

    Carrier(String pattern) {
        this.pattern = Pattern.compile(pattern);
    }

    /** The number as stored (upper case, no spaces), or {@code null} when it is not one of this carrier's. */
    public String normalize(String trackingNumber) {
        if (trackingNumber == null) {
            return null;
        }
        String n = trackingNumber.strip().replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
        if (pattern.matcher(n).matches()) {
            return n;
        }
        if ((this == EMS || this == CHINA_POST) && S10.matcher(n).matches() && s10CheckDigitValid(n)) {
            return n;
        }
        return null;
    }

    /** UPU S10: eight serial digits weighted 8 6 4 2 3 5 9 7, check = 11 − sum mod 11 (10 → 0, 11 → 5). */
    static boolean s10CheckDigitValid(String number) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (number.charAt(2 + i) - '0') * S10_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        check = check == 10 ? 0 : check == 11 ? 5 : check;
        return number.charAt(10) - '0' == check;
    }
}
