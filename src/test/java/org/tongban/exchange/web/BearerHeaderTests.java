package org.tongban.exchange.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

class BearerHeaderTests {

    private final BearerHeader resolver = new BearerHeader();

    private static MockHttpServletRequest with(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/exchange/query");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        request.setParameter("access_token", "from-the-query");
        return request;
    }

    @Test
    void takesTheTokenOfABearerHeaderInAnyCase() {
        assertThat(resolver.resolve(with("Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_~+/")))
                .isEqualTo("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_~+/");
        assertThat(resolver.resolve(with("bearer abc=="))).isEqualTo("abc==");
    }

    @Test
    void ignoresOtherSchemesAndNeverReadsTheQuery() {
        assertThat(resolver.resolve(with(null))).isNull();
        assertThat(resolver.resolve(with("Basic ZGVtbzpwYXNz"))).isNull();
    }

    @Test
    void refusesAMalformedToken() {
        for (String header : new String[] { "Bearer ", "Bearer", "Bearer a b", "Bearer ab=c", "Bearer =", "Bearerabc",
                "Bearer  abc", "Bearer 张三" }) {
            assertThatThrownBy(() -> resolver.resolve(with(header))).as(header)
                    .isInstanceOf(OAuth2AuthenticationException.class);
        }
    }
}
