package org.tongban.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;

/**
 * Fixtures of the tests that start from a received application (the handling engine, documents, ratings and
 * supervision): the applicant side is tested in {@link CasesIntegrationTests}, these insert the case directly.
 */
public final class CaseFixtures {

    /** One sequence for every class that shares the test database, so case numbers never collide. */
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private CaseFixtures() {
    }

    /**
     * An application of the item received on Monday 2 March 2026 (a working day) and awaiting acceptance, with a
     * masked resident ID of its applicant.
     */
    public static UUID submitted(JdbcTemplate jdbc, String code, UUID applicant, String name) {
        Map<String, Object> item = jdbc.queryForMap("select version, name, body_id, body_name from "
                + "catalog_implementation_item where code = ? and status = 'PUBLISHED'", code);
        UUID id = UUID.randomUUID();
        String number = code + "20260302" + "%06d".formatted(800_000 + SEQUENCE.incrementAndGet());
        jdbc.update("""
                insert into cases_application (id, applicant_account, applicant_name, applicant_id_type,
                    applicant_id_masked, item_code, item_version, item_name, body_id, body_name, status, form_values,
                    case_number, channel, created_at, updated_at, received_at, received_on, decision_due)
                values (?, ?, ?, 'RESIDENT_ID', '210112********1234', ?, ?, ?, ?, ?, 'SUBMITTED', '{}', ?, 'WEB',
                    now(), now(), now(), ?, ?)""",
                id, applicant, name, code, item.get("version"), item.get("name"), item.get("body_id"),
                item.get("body_name"), number, java.sql.Date.valueOf("2026-03-02"),
                java.sql.Date.valueOf("2026-03-09"));
        return id;
    }

    /** The body of a category in 浑南区. */
    public static UUID body(JdbcTemplate jdbc, String category) {
        return jdbc.queryForObject("select id from org_body where division_code = '210112' and category = ?",
                UUID.class, category);
    }

    public static long version(JdbcTemplate jdbc, UUID application) {
        return jdbc.queryForObject("select version from cases_application where id = ?", Long.class, application);
    }

    /** A resident registered through the public form, signed in (the session cookie). */
    public record Resident(String name, String idNumber, String phone, UUID account,
            jakarta.servlet.http.Cookie session) {

        /** The resident as signed in at real-name level {@code level}. */
        public SignedIn signedIn(int level) {
            return new SignedIn(account, name, false, level, Set.of(), null, null, null);
        }
    }

    /**
     * Registers a resident through the public form with the resident ID made from {@code idStem} (its first 17
     * digits; the check character is added) and {@code phone}, sets the real-name level to {@code level} when it is
     * above 0, and signs in with the password.
     */
    public static Resident register(MockMvc mvc, JdbcTemplate jdbc, String name, String idStem, String phone,
            String password, int level) throws Exception {
        String id = org.tongban.shared.CitizenIdNumber.withCheckCharacter(idStem).value();
        mvc.perform(MockMvcRequestBuilders.post("/register").with(csrf()).param("name", name)
                        .param("idType", "RESIDENT_ID").param("idNumber", id).param("phone", phone)
                        .param("password", password).param("passwordAgain", password))
                .andExpect(status().is3xxRedirection());
        UUID account = jdbc.queryForObject("select id from identity_account where id_number_masked = ? and name = ?",
                UUID.class, id.substring(0, 4) + "**********" + id.substring(14), name);
        if (level > 0) {
            jdbc.update("update identity_account set assurance_level = ? where id = ?", level, account);
        }
        jakarta.servlet.http.Cookie session = mvc.perform(MockMvcRequestBuilders.post("/signin").with(csrf())
                        .param("identifier", phone).param("password", password))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getCookie("SESSION");
        return new Resident(name, id, phone, account, session);
    }

    /** A staff member of a body in 浑南区. */
    public static SignedIn officer(String name, UUID body, StaffRole... roles) {
        return new SignedIn(UUID.randomUUID(), name, true, 3, EnumSet.of(roles[0], roles), body, "210112", null);
    }

    public static SignedIn person(UUID account) {
        return new SignedIn(account, "申请人", false, 2, Set.of(), null, null, null);
    }

    /**
     * A page request as {@code who} in a session of its own: pages render CSRF tokens into forms, which needs the
     * session to exist before a long page commits the response (signed-in people always have one).
     */
    public static MockHttpServletRequestBuilder page(MockMvc mvc, SignedIn who, String url) throws Exception {
        jakarta.servlet.http.Cookie session = mvc.perform(MockMvcRequestBuilders.get("/signin")).andReturn()
                .getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        return MockMvcRequestBuilders.get(url).with(as(who)).cookie(session);
    }

    /** Signed in as {@code who} for a MockMvc request. */
    public static RequestPostProcessor as(SignedIn who) {
        return authentication(new UsernamePasswordAuthenticationToken(who, null, who.authorities()));
    }

    /** The one task of the application among {@code tasks}. */
    public static TaskView only(List<TaskView> tasks, UUID application) {
        List<TaskView> mine = tasks.stream().filter(t -> t.applicationId().equals(application)).toList();
        assertThat(mine).hasSize(1);
        return mine.get(0);
    }

    /** A clock standing at a local time in China. */
    public static Clock at(String localDateTime) {
        return Clock.fixed(ZonedDateTime.of(LocalDateTime.parse(localDateTime), Applications.ZONE).toInstant(),
                Applications.ZONE);
    }
}
