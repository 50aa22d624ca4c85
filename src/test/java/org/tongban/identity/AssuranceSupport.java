package org.tongban.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tongban.identity.internal.PersonalDataCipher;
import org.tongban.shared.CitizenIdNumber;

/** People, addresses and inbox reading for the assurance tests: each test gets its own, never shared. */
final class AssuranceSupport {

    static final String PASSWORD = "Anshan#2026level";
    /** Phones 1365xxxxxxx, ID numbers 210112198801xx..., addresses 10.77.x.y: nobody else's. */
    private static final AtomicInteger SEQUENCE = new AtomicInteger(0);

    record Person(String name, String idNumber, String phone) {
    }

    private AssuranceSupport() {
    }

    static Person newPerson(String name) {
        int n = SEQUENCE.incrementAndGet();
        String first17 = "2101121988" + "%02d".formatted(1 + (n / 28) % 12) + "%02d".formatted(1 + n % 28)
                + "%03d".formatted(700 + n / 336);
        return new Person(name, CitizenIdNumber.withCheckCharacter(first17).value(), "1365%07d".formatted(n));
    }

    static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    static String newAddress() {
        int n = SEQUENCE.incrementAndGet();
        return "10.77." + (n / 250) + "." + (1 + n % 250);
    }

    static MockHttpServletRequestBuilder register(Person person) {
        return post("/register").with(csrf()).param("name", person.name()).param("idType", "RESIDENT_ID")
                .param("idNumber", person.idNumber()).param("phone", person.phone()).param("password", PASSWORD)
                .param("passwordAgain", PASSWORD);
    }

    static Cookie signIn(MockMvc mvc, String identifier, String password, String address) throws Exception {
        Cookie session = mvc.perform(post("/signin").with(csrf()).with(from(address)).param("identifier", identifier)
                .param("password", password)).andReturn().getResponse().getCookie("SESSION");
        assertThat(session).as("signed in as " + identifier).isNotNull();
        return session;
    }

    /** The code in the latest development-inbox message to this phone. */
    static String latestCode(JdbcTemplate jdbc, PersonalDataCipher cipher, String phone) {
        List<String> texts = jdbc.queryForList("select text from identity_sms_message where phone_hash = ? "
                + "order by sent_at desc, id desc limit 1", String.class, cipher.lookupHash("phone:" + phone));
        assertThat(texts).as("a message to " + phone).hasSize(1);
        Matcher code = Pattern.compile("\\b([0-9]{6})\\b").matcher(texts.getFirst());
        assertThat(code.find()).isTrue();
        return code.group(1);
    }

    /** One column of the account registered with this phone number (accounts are found by the phone's hash). */
    static <T> T accountColumn(JdbcTemplate jdbc, PersonalDataCipher cipher, String phone, String column,
            Class<T> type) {
        return jdbc.queryForObject("select " + column + " from identity_account where phone_hash = ?", type,
                cipher.lookupHash("phone:" + phone));
    }

    static int messagesTo(JdbcTemplate jdbc, PersonalDataCipher cipher, String phone) {
        return jdbc.queryForObject("select count(*) from identity_sms_message where phone_hash = ?", Integer.class,
                cipher.lookupHash("phone:" + phone));
    }

    /** The principal stored in the session row in PostgreSQL (Spring Session JDBC), as the next request sees it. */
    static SignedIn sessionPrincipal(JdbcTemplate jdbc, Cookie session) throws Exception {
        String id = new String(Base64.getDecoder().decode(session.getValue()), StandardCharsets.UTF_8);
        byte[] bytes = jdbc.queryForObject("select a.attribute_bytes from spring_session_attributes a "
                + "join spring_session s on s.primary_id = a.session_primary_id where s.session_id = ? "
                + "and a.attribute_name = 'SPRING_SECURITY_CONTEXT'", byte[].class, id);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (SignedIn) ((SecurityContext) in.readObject()).getAuthentication().getPrincipal();
        }
    }

    static void addToPopulation(JdbcTemplate jdbc, PersonalDataCipher cipher, Person person) {
        jdbc.update("insert into identity_population (id_number_hash, name, phone_hash) values (?, ?, ?)",
                cipher.lookupHash("RESIDENT_ID:" + person.idNumber()), person.name(),
                cipher.lookupHash("phone:" + person.phone()));
    }
}
