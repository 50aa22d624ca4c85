package org.tongban.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.UnifiedSocialCreditCode;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin console's signing keys: list, rotate, revoke — what verification says afterwards, and who may. */
@TongbanIntegrationTest
class SigningKeysIntegrationTests {

    private static final String DEMO_PASSWORD = "Tongban#Demo2026";
    private static final String SYSTEM_ADMIN = "13800000001";
    private static final String APPROVER = "13800000004";
    private static final String PLANNING_PERMIT = "11100000MB0T000500001";
    private static final AtomicInteger SEQUENCE = new AtomicInteger(8600);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Certificates certificates;
    @Autowired
    Organization organization;

    private Cookie signIn(String identifier) throws Exception {
        Cookie session = mvc.perform(post("/signin").with(csrf()).param("identifier", identifier)
                        .param("password", DEMO_PASSWORD))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        return session;
    }

    /** A natural-resources body outside 浑南区 without a signing key yet, so no other test's certificates change. */
    private BodySummary freshBody() {
        for (int page = 0; page < 50; page++) {
            var bodies = organization.bodies(DivisionCode.of("210000"), true, page, 200);
            for (BodySummary body : bodies.getContent()) {
                if (body.category() == BodyCategory.NATURAL_RESOURCES && !"210112".equals(body.divisionCode())
                        && jdbc.queryForObject("select count(*) from certificates_signing_key where body_id = ?",
                                Integer.class, body.id()) == 0) {
                    return body;
                }
            }
            if (!bodies.hasNext()) {
                break;
            }
        }
        throw new IllegalStateException("no natural-resources body without a signing key left");
    }

    private CertificateView permit(BodySummary body) {
        String code = UnifiedSocialCreditCode.withCheckCharacter("91210106MA0TE" + "%04d".formatted(SEQUENCE
                .incrementAndGet())).value();
        return certificates.issue(new IssueRequest(PLANNING_PERMIT, body.id(), Holder.company("辽宁轮换测试有限公司",
                code), Map.of("JSXM", "测试楼", "JSWZ", "测试路2号", "JSGM", "800平方米"), null, "OFFICER", null, null));
    }

    private UUID keyOf(CertificateView certificate) {
        return jdbc.queryForObject("select key_id from certificates_certificate where id = ?", UUID.class,
                certificate.id());
    }

    private String verified(CertificateView c) throws Exception {
        return JSON.readTree(mvc.perform(get("/api/v1/certificates/verification").param("identifier", c.identifier())
                        .param("code", c.verificationCode())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString()).get("status").asString();
    }

    @Test
    void rotatingAKeyKeepsWhatItSignedValidAndTheBodySignsWithANewKey() throws Exception {
        BodySummary body = freshBody();
        CertificateView old = permit(body);
        UUID oldKey = keyOf(old);
        Cookie admin = signIn(SYSTEM_ADMIN);

        JsonNode list = JSON.readTree(mvc.perform(get("/api/v1/certificates/signing-keys").cookie(admin))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        JsonNode listed = null;
        for (JsonNode k : list) {
            if (k.get("id").asString().equals(oldKey.toString())) {
                listed = k;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("state").asString()).isEqualTo("CURRENT");
        assertThat(listed.get("certificatesSigned").asLong()).isEqualTo(1);
        assertThat(listed.get("subject").asString()).contains(body.creditCode());
        assertThat(listed.get("serialNumber").asString()).matches("[0-9A-F]+");

        // A reason is required (422 naming the field); nothing changes.
        mvc.perform(post("/api/v1/certificates/signing-keys/{id}/rotation", oldKey).cookie(admin).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"  \"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("certificates.data.invalid"))
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        assertThat(verified(old)).isEqualTo("VALID");

        JsonNode next = JSON.readTree(mvc.perform(post("/api/v1/certificates/signing-keys/{id}/rotation", oldKey)
                        .cookie(admin).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"年度例行轮换\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(next.get("state").asString()).isEqualTo("CURRENT");
        assertThat(next.get("id").asString()).isNotEqualTo(oldKey.toString());

        assertThat(verified(old)).isEqualTo("VALID");
        CertificateView fresh = permit(body);
        assertThat(keyOf(fresh).toString()).isEqualTo(next.get("id").asString());
        assertThat(verified(fresh)).isEqualTo("VALID");
        assertThat(jdbc.queryForObject("select retire_reason from certificates_signing_key where id = ?",
                String.class, oldKey)).isEqualTo("年度例行轮换");
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where action = 'signing-key.rotated' "
                + "and target_id = ?", Integer.class, oldKey.toString())).isOne();
        // A retired key cannot be rotated again.
        mvc.perform(post("/api/v1/certificates/signing-keys/{id}/rotation", oldKey).cookie(admin).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"再次\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("certificates.key.not-current"));
    }

    @Test
    void revokingAKeyOnThePageMakesWhatItSignedVerifyAsKeyRevoked() throws Exception {
        BodySummary body = freshBody();
        CertificateView signed = permit(body);
        UUID key = keyOf(signed);
        Cookie admin = signIn(SYSTEM_ADMIN);

        mvc.perform(get("/admin/certificates/keys").cookie(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("key-" + key)))
                .andExpect(content().string(containsString("吊销密钥")));
        // Without the confirmation: refused next to the box, the typed reason kept, the key untouched.
        mvc.perform(post("/admin/certificates/keys/{id}/revoke", key).cookie(admin).with(csrf())
                        .param("reason", "私钥疑似泄露"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("请勾选确认后再提交")))
                .andExpect(content().string(containsString("value=\"私钥疑似泄露\"")));
        assertThat(verified(signed)).isEqualTo("VALID");
        // Without the CSRF token: refused.
        mvc.perform(post("/admin/certificates/keys/{id}/revoke", key).cookie(admin).param("reason", "x")
                .param("confirm", "true")).andExpect(status().isForbidden());

        mvc.perform(post("/admin/certificates/keys/{id}/revoke", key).cookie(admin).with(csrf())
                        .param("reason", "私钥疑似泄露").param("since", "").param("confirm", "true"))
                .andExpect(status().is3xxRedirection());

        assertThat(verified(signed)).isEqualTo("KEY_REVOKED");
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where action = 'signing-key.revoked' "
                + "and target_id = ?", Integer.class, key.toString())).isOne();
        // The body signs with a new key at once, and that certificate is valid.
        CertificateView after = permit(body);
        assertThat(keyOf(after)).isNotEqualTo(key);
        assertThat(verified(after)).isEqualTo("VALID");
        mvc.perform(get("/admin/certificates/keys").cookie(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("已吊销")));
        // Revoking twice: 409.
        mvc.perform(post("/api/v1/certificates/signing-keys/{id}/revocation", key).cookie(admin).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"再次\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("certificates.key.revoked"));
    }

    @Test
    void onlySystemAdministratorsSeeOrChangeSigningKeys() throws Exception {
        BodySummary body = freshBody();
        UUID key = keyOf(permit(body));
        Cookie approver = signIn(APPROVER);

        mvc.perform(get("/api/v1/certificates/signing-keys").cookie(approver)).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("certificates.key.admin-only"));
        mvc.perform(post("/api/v1/certificates/signing-keys/{id}/revocation", key).cookie(approver).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"不是管理员\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/certificates/keys").cookie(approver)).andExpect(status().isForbidden());
        mvc.perform(post("/admin/certificates/keys/{id}/revoke", key).cookie(approver).with(csrf())
                .param("reason", "x").param("confirm", "true")).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/certificates/signing-keys")).andExpect(status().isUnauthorized());
        assertThat(jdbc.queryForObject("select revoked_at is null from certificates_signing_key where id = ?",
                Boolean.class, key)).isTrue();
        // An unknown key: 404 for the administrator.
        mvc.perform(post("/api/v1/certificates/signing-keys/{id}/rotation", UUID.randomUUID())
                        .cookie(signIn(SYSTEM_ADMIN)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"x\"}"))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("certificates.key.not-found"));
    }
}
