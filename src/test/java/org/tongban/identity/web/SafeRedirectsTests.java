package org.tongban.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeRedirectsTests {

    @ParameterizedTest
    @ValueSource(strings = { "https://evil.example/", "http:/evil.example", "//evil.example", "/\\evil.example",
            "\\\\evil.example", "javascript:alert(1)", "evil.example", "/account\r\nSet-Cookie: x=y", "/a/{b}", "",
            " /account" })
    void anythingButAPathOnThisSiteFallsBack(String target) {
        assertThat(SafeRedirects.localPath(target, "/fallback")).isEqualTo("/fallback");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/account", "/account/companies?x=1", "/guide/123#materials" })
    void aPathOnThisSiteIsKept(String target) {
        assertThat(SafeRedirects.localPath(target, "/fallback")).isEqualTo(target);
    }

    @org.junit.jupiter.api.Test
    void noTargetFallsBack() {
        assertThat(SafeRedirects.localPath(null, "/fallback")).isEqualTo("/fallback");
    }
}
