package org.tongban.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class HeaderCharactersTests {

    // The expressions StrictHttpFirewall states its default rules with.
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointIsJudgedAsTheFirewallsExpressionsJudgeIt() {
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String s = "ab" + Character.toString(c) + "z";
            assertThat(HeaderCharacters.name(s)).as("name U+%04X", c).isEqualTo(NAME.matcher(s).matches());
            assertThat(HeaderCharacters.value(s)).as("value U+%04X", c).isEqualTo(VALUE.matcher(s).matches());
        }
    }

    @Test
    void typicalHeadersPassAndControlCharactersDoNot() {
        assertThat(HeaderCharacters.value("Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2ln")).isTrue();
        assertThat(HeaderCharacters.value("zh-CN,zh;q=0.9\ten;q=0.8")).isTrue();
        assertThat(HeaderCharacters.name("X-Tab\tName")).isFalse();
        assertThat(HeaderCharacters.value("张三")).isTrue();
        assertThat(HeaderCharacters.value("a\r\nSet-Cookie: x=1")).isFalse();
        String surrogates = "\uD83D\uDE00 lone \uD800";
        assertThat(HeaderCharacters.value(surrogates)).isEqualTo(VALUE.matcher(surrogates).matches());
        assertThat(HeaderCharacters.value("")).isTrue();
    }
}
