package org.tongban.cases.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Case numbers (项目编号, DOMAIN §5): implementation code (31) + yyyyMMdd + a six-digit sequence per code and day,
 * 45 characters (at most 50). The sequence row is created or incremented by one statement that holds its row lock
 * until the submitting transaction ends, so concurrent submissions, on one node or several, never share a number
 * and a rolled-back submission gives its number back.
 */
@Component
public class CaseNumbers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcClient jdbc;

    CaseNumbers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public String next(String implementationCode, LocalDate day) {
        String prefix = implementationCode + day.format(DAY);
        int value = jdbc.sql("""
                insert into cases_number_sequence (prefix, last_value) values (?, 1)
                on conflict (prefix) do update set last_value = cases_number_sequence.last_value + 1
                returning last_value""").param(prefix).query(Integer.class).single();
        if (value > 999_999) {
            throw new IllegalStateException("More than 999999 cases for " + prefix);
        }
        return prefix + "%06d".formatted(value);
    }
}
