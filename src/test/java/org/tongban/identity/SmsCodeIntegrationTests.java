package org.tongban.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tongban.identity.AssuranceSupport.from;
import static org.tongban.identity.AssuranceSupport.latestCode;
import static org.tongban.identity.AssuranceSupport.messagesTo;
import static org.tongban.identity.AssuranceSupport.newAddress;
import static org.tongban.identity.AssuranceSupport.newPerson;
import static org.tongban.identity.AssuranceSupport.register;

import java.util.Locale;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.tongban.TongbanIntegrationTest;
import org.tongban.identity.AssuranceSupport.Person;
import org.tongban.identity.internal.PersonalDataCipher;
import org.tongban.shared.InvalidValueException;

/** One-time codes by SMS through the development inbox: sign-in, single use, expiry, guesses and send limits. */
@TongbanIntegrationTest
class SmsCodeIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    SmsCodes codes;

    private MockHttpServletRequestBuilder sendCode(String phone, String address) {
        return post("/signin/sms/code").with(csrf()).with(from(address)).param("phone", phone);
    }

    private MockHttpServletRequestBuilder signIn(String phone, String code, String address) {
        return post("/signin/sms").with(csrf()).with(from(address)).param("phone", phone).param("code", code);
    }

    /** Pretend the last send was long enough ago for the cooldown (not for the window limits). */
    private void pastCooldown(String phone) {
        jdbc.update("update identity_sms_code set created_at = created_at - interval '2 minutes' where phone_hash = ?",
                cipher.lookupHash("phone:" + phone));
    }

    @Test
    void aPersonSignsInWithACodeFromTheInboxAndTheCodeWorksOnce() throws Exception {
        Person person = newPerson("孙短信");
        String address = newAddress();
        mvc.perform(register(person)).andExpect(status().is3xxRedirection());
        mvc.perform(get("/signin")).andExpect(content().string(containsString("href=\"/signin/sms\"")));
        mvc.perform(sendCode(person.phone(), address))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("如果该手机号码已注册账号，验证码已发送")));
        String code = latestCode(jdbc, cipher, person.phone());
        // Stored only as a keyed hash.
        assertThat(jdbc.queryForList("select code_hash from identity_sms_code where phone_hash = ?", String.class,
                cipher.lookupHash("phone:" + person.phone()))).singleElement().asString().doesNotContain(code)
                .hasSize(64);
        // The inbox page shows it, masked phone and all.
        mvc.perform(get("/dev/sms").param("phone", person.phone()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(code)))
                .andExpect(content().string(containsString(person.phone().substring(0, 3) + "****")));
        String wrong = code.equals("000000") ? "111111" : "000000";
        mvc.perform(signIn(person.phone(), wrong, address))
                .andExpect(status().isUnauthorized())
                .andExpect(content().string(containsString("验证码不正确或已失效")));
        Cookie session = mvc.perform(signIn(person.phone(), code, address).param("continue", "//evil.example/x"))
                .andExpect(redirectedUrl("/account"))
                .andReturn().getResponse().getCookie("SESSION");
        mvc.perform(get("/account").cookie(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("孙短信")));
        assertThat(AssuranceSupport.sessionPrincipal(jdbc, session).name()).isEqualTo("孙短信");
        // Used once: the same code never works again.
        mvc.perform(signIn(person.phone(), code, address)).andExpect(status().isUnauthorized());
    }

    @Test
    void anUnknownPhoneGetsTheSameAnswerButNoMessage() throws Exception {
        Person nobody = newPerson("无账号");
        mvc.perform(sendCode(nobody.phone(), newAddress()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("如果该手机号码已注册账号，验证码已发送")));
        assertThat(messagesTo(jdbc, cipher, nobody.phone())).isZero();
        assertThat(jdbc.queryForObject("select sent from identity_sms_code where phone_hash = ?", Boolean.class,
                cipher.lookupHash("phone:" + nobody.phone()))).isFalse();
    }

    @Test
    void anExpiredCodeIsRefusedAndANewCodeSupersedesTheOldOne() throws Exception {
        Person person = newPerson("周过期");
        String address = newAddress();
        mvc.perform(register(person)).andExpect(status().is3xxRedirection());
        mvc.perform(sendCode(person.phone(), address)).andExpect(status().isOk());
        String first = latestCode(jdbc, cipher, person.phone());
        jdbc.update("update identity_sms_code set expires_at = now() - interval '1 second' where phone_hash = ?",
                cipher.lookupHash("phone:" + person.phone()));
        mvc.perform(signIn(person.phone(), first, address)).andExpect(status().isUnauthorized());

        pastCooldown(person.phone());
        mvc.perform(sendCode(person.phone(), address)).andExpect(status().isOk());
        String second = latestCode(jdbc, cipher, person.phone());
        pastCooldown(person.phone());
        mvc.perform(sendCode(person.phone(), address)).andExpect(status().isOk());
        String third = latestCode(jdbc, cipher, person.phone());
        if (!second.equals(third)) {
            mvc.perform(signIn(person.phone(), second, address)).andExpect(status().isUnauthorized());
        }
        mvc.perform(signIn(person.phone(), third, address)).andExpect(redirectedUrl("/account"));
    }

    @Test
    void aCodeIsVoidAfterFiveWrongGuesses() {
        Person person = newPerson("吴猜测");
        PhoneNumber phone = new PhoneNumber(person.phone());
        codes.send(SmsCodes.Purpose.VERIFY_PHONE, phone, newAddress(), Locale.SIMPLIFIED_CHINESE);
        String code = latestCode(jdbc, cipher, person.phone());
        String wrong = code.equals("999999") ? "888888" : "999999";
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> codes.verify(SmsCodes.Purpose.VERIFY_PHONE, phone, wrong))
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("identity.sms.code-invalid");
        }
        assertThatThrownBy(() -> codes.verify(SmsCodes.Purpose.VERIFY_PHONE, phone, code))
                .hasMessageContaining("identity.sms.code-invalid");
        // A code for one purpose never serves another.
        assertThatThrownBy(() -> codes.verify(SmsCodes.Purpose.SIGN_IN, phone, code))
                .hasMessageContaining("identity.sms.code-invalid");
        assertThatThrownBy(() -> codes.verify(SmsCodes.Purpose.VERIFY_PHONE, phone, "12a456"))
                .hasMessageContaining("identity.sms.code-format");
    }

    @Test
    void sendsAreLimitedByCooldownPerPhoneAndPerAddress() throws Exception {
        Person person = newPerson("郑限流");
        String address = newAddress();
        mvc.perform(register(person)).andExpect(status().is3xxRedirection());
        mvc.perform(sendCode(person.phone(), address)).andExpect(status().isOk());
        mvc.perform(sendCode(person.phone(), address))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().string(containsString("秒后再获取验证码")));
        // Five codes per phone per hour, from whatever address.
        for (int i = 0; i < 4; i++) {
            pastCooldown(person.phone());
            mvc.perform(sendCode(person.phone(), newAddress())).andExpect(status().isOk());
        }
        pastCooldown(person.phone());
        mvc.perform(sendCode(person.phone(), newAddress()))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().string(containsString("获取验证码次数过多")));
        assertThat(messagesTo(jdbc, cipher, person.phone())).isEqualTo(5);

        // Twenty codes per address per hour, whichever phones.
        String sprayer = newAddress();
        for (int i = 0; i < 20; i++) {
            mvc.perform(sendCode(newPerson("喷洒").phone(), sprayer)).andExpect(status().isOk());
        }
        mvc.perform(sendCode(newPerson("喷洒").phone(), sprayer)).andExpect(status().isTooManyRequests());
    }

    @Test
    void theApiAcceptsCodeRequestsAndAnswersLimitsAsProblems() throws Exception {
        Person person = newPerson("陈接口");
        String address = newAddress();
        mvc.perform(post("/api/v1/identity/sign-in-codes").with(from(address))
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("{\"phone\":\"" + person.phone() + "\"}"))
                .andExpect(status().isAccepted());
        mvc.perform(post("/api/v1/identity/sign-in-codes").with(from(address))
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("{\"phone\":\"" + person.phone() + "\"}"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.code")
                        .value("identity.sms.cooldown"));
        mvc.perform(post("/api/v1/identity/sign-in-codes").with(from(address))
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content("{\"phone\":\"12\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.field")
                        .value("phone"));
        mvc.perform(get("/api/v1/identity/assurance")).andExpect(status().isUnauthorized());
    }

    @Test
    void badPhoneNumbersAreExplainedAndKept() throws Exception {
        mvc.perform(sendCode("12345", newAddress()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("11 位手机号码")))
                .andExpect(content().string(containsString("value=\"12345\"")));
    }
}
