package org.tongban.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tongban.identity.AssuranceSupport.newAddress;
import static org.tongban.identity.AssuranceSupport.newPerson;
import static org.tongban.identity.AssuranceSupport.register;

import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.identity.AssuranceSupport.Person;
import org.tongban.identity.internal.DevInboxSmsGateway;
import org.tongban.identity.internal.PersonalDataCipher;

/**
 * Text messages reach a person in the language they use: the one they registered in, then whichever they last chose
 * in the portal while signed in. Chinese unless English; any other language asked for changes nothing.
 */
@TongbanIntegrationTest
class AccountLanguagesIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    AccountMessages messages;
    @Autowired
    MessageSource texts;
    @Autowired
    DevInboxSmsGateway inbox;

    private UUID account(Person person) {
        return AssuranceSupport.accountColumn(jdbc, cipher, person.phone(), "id", UUID.class);
    }

    private String language(Person person) {
        return AssuranceSupport.accountColumn(jdbc, cipher, person.phone(), "language", String.class);
    }

    /** A case-status message as the cases module words it, in the account's language. */
    private String smsAbout(Person person, String caseNumber) {
        assertThat(messages.sms(account(person), locale -> texts.getMessage("cases.notification.sms",
                new Object[] { "个体工商户登记", caseNumber, texts.getMessage("cases.notification.ACCEPTED",
                        new Object[] { "" }, locale) }, locale))).isTrue();
        return inbox.latest(new PhoneNumber(person.phone()), 1).get(0).text();
    }

    @Test
    void aPersonWhoRegisteredInEnglishGetsEnglishMessagesUntilTheySwitchBackToChinese() throws Exception {
        Person person = newPerson("Ada Li");
        mvc.perform(register(person).cookie(new Cookie("tongban_lang", "en"))).andExpect(status().is3xxRedirection());
        assertThat(language(person)).isEqualTo("en");
        assertThat(smsAbout(person, "C-1")).startsWith("[Tongban]").contains("C-1");

        Cookie session = AssuranceSupport.signIn(mvc, person.phone(), AssuranceSupport.PASSWORD, newAddress());
        mvc.perform(get("/account").cookie(session).param("lang", "zh-CN")).andExpect(status().isOk());
        assertThat(language(person)).isEqualTo("zh-CN");
        assertThat(smsAbout(person, "C-2")).startsWith("【通办】").contains("C-2");

        // Not one of the platform's languages: ignored, as the page ignores it.
        mvc.perform(get("/account").cookie(session).param("lang", "fr")).andExpect(status().isOk());
        assertThat(language(person)).isEqualTo("zh-CN");
        mvc.perform(get("/account").cookie(session).param("lang", "en")).andExpect(status().isOk());
        assertThat(language(person)).isEqualTo("en");
    }

    @Test
    void aPersonWhoRegisteredInChineseGetsChineseAndAnAnonymousSwitchChangesNoAccount() throws Exception {
        Person person = newPerson("钱语言");
        mvc.perform(register(person)).andExpect(status().is3xxRedirection());
        assertThat(language(person)).isEqualTo("zh-CN");
        mvc.perform(get("/").param("lang", "en")).andExpect(status().isOk());
        assertThat(language(person)).isEqualTo("zh-CN");
        assertThat(smsAbout(person, "C-3")).startsWith("【通办】");
        assertThat(Locale.forLanguageTag(language(person))).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    }
}
