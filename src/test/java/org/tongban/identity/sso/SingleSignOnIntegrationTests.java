package org.tongban.identity.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.TongbanIntegrationTest;
import relyingparty.RelyingParty;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;

/**
 * Two real client systems (separate Spring Boot applications with Spring Security's oauth2Login) against the
 * platform: one sign-in at the platform enters both; signing out of the platform ends both sessions.
 */
@TongbanIntegrationTest
class SingleSignOnIntegrationTests {

        private static ConfigurableApplicationContext clientA;
    private static ConfigurableApplicationContext clientB;

    @LocalServerPort
    int port;
    @Autowired
    ClientSystems clientSystems;
    @Autowired
    Organization organization;
    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void stopClients() {
        if (clientA != null) {
            clientA.close();
        }
        if (clientB != null) {
            clientB.close();
        }
    }

    private String bodyCreditCode() {
        return organization.bodies(DivisionCode.of("210112"), false, 0, 50).getContent().stream()
                .filter(b -> b.category() == BodyCategory.MARKET_REGULATION).findFirst().orElseThrow().creditCode();
    }

    private ConfigurableApplicationContext startClient(String name, String clientId) {
        return RelyingParty.startRegistered(name, clientId, "http://localhost:" + port, clientSystems,
                bodyCreditCode(), false);
    }

    @Test
    void oneSignInEntersBothSystemsAndSigningOutOfThePlatformEndsBoth() throws Exception {
        clientA = startClient("RPA", "sso-test-a");
        clientB = startClient("RPB", "sso-test-b");
        String a = "http://localhost:" + RelyingParty.port(clientA) + "/";
        String b = "http://localhost:" + RelyingParty.port(clientB) + "/";
        String platform = "http://localhost:" + port;
        Browser browser = new Browser();

        // Client A sends the person to the platform, which asks them to sign in.
        Browser.Page signIn = browser.get(a);
        assertThat(signIn.uri().toString()).isEqualTo(platform + "/signin");
        assertThat(signIn.passedThrough("/oauth2/authorize")).isTrue();
        Browser.Page home = browser.post(platform + "/signin", Map.of("identifier", "13800000010",
                "password", "Tongban#Demo2026", "_csrf", signIn.csrf()));
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.uri().toString()).startsWith(a); // the client may add its own "?continue"
        assertThat(home.body()).startsWith("signed-in sub=").contains("type=natural_person")
                .contains("acr=urn:tongban:loa:").contains("name=张三（演示）");
        String subject = home.body().replaceAll(".*sub=([^ ]+).*", "$1");
        assertThat(jdbc.queryForObject("select name from identity_account where id = ?::uuid", String.class, subject))
                .isEqualTo("张三（演示）");

        // Client B: no password asked.
        Browser.Page homeB = browser.get(b);
        assertThat(homeB.status()).isEqualTo(200);
        assertThat(homeB.uri().toString()).startsWith(b);
        assertThat(homeB.passedThrough("/signin")).isFalse();
        assertThat(homeB.body()).contains("sub=" + subject);

        // Sign out of the platform: both client systems' sessions end.
        Browser.Page account = browser.get(platform + "/account");
        assertThat(account.status()).isEqualTo(200);
        Browser.Page signedOut = browser.post(platform + "/signout", Map.of("_csrf", account.csrf()));
        assertThat(signedOut.status()).isEqualTo(200);
        for (String client : new String[] { a, b }) {
            Browser.Page again = browser.get(client);
            assertThat(again.uri().toString()).as("%s asks for a sign-in again", client)
                    .isEqualTo(platform + "/signin");
        }
    }
}
