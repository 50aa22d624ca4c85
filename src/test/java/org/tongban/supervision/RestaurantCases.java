package org.tongban.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tongban.cases.CaseFixtures.at;
import static org.tongban.cases.CaseFixtures.officer;
import static org.tongban.cases.CaseFixtures.only;

import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.CaseAcceptance;
import org.tongban.cases.CaseFacts;
import org.tongban.cases.CaseFixtures;
import org.tongban.cases.CaseProcessing;
import org.tongban.cases.CaseSubmitted;
import org.tongban.cases.TaskAction;
import org.tongban.cases.TaskView;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;

/**
 * Cases of the demo 开餐馆 process (食品经营许可, 浑南区) driven through the cases module's services, for the supervision
 * tests that count what case events add (the dashboard, the assessment): received on a day through a channel,
 * accepted by the window, reviewed in parallel by market regulation, fire (住建) and health, and granted by the
 * approver, each at a given time. The officers' names start with the test's prefix, so each test's staff are its own.
 */
final class RestaurantCases {

    static final String FOOD = "011070001000";

    final String itemCode;
    final UUID itemBody;
    final SignedIn window;
    final SignedIn marketReviewer;
    final SignedIn approver;
    final SignedIn fireReviewer;
    final SignedIn healthReviewer;

    private final JdbcTemplate jdbc;
    private final CaseFacts facts;
    private final CaseAcceptance acceptance;
    private final CaseProcessing processing;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    RestaurantCases(String prefix, JdbcTemplate jdbc, CaseFacts facts, CaseAcceptance acceptance,
            CaseProcessing processing, ApplicationEventPublisher events, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.facts = facts;
        this.acceptance = acceptance;
        this.processing = processing;
        this.events = events;
        this.transactions = transactions;
        Map<String, Object> item = jdbc.queryForMap("select code, body_id from catalog_implementation_item "
                + "where basic_code = ? and division_code = '210112' and status = 'PUBLISHED'", FOOD);
        itemCode = (String) item.get("code");
        itemBody = (UUID) item.get("body_id");
        window = officer(prefix + "窗口甲", itemBody, StaffRole.WINDOW_OFFICER);
        marketReviewer = officer(prefix + "市监乙", itemBody, StaffRole.REVIEWER);
        approver = officer(prefix + "负责人丙", itemBody, StaffRole.REVIEWER, StaffRole.APPROVER);
        fireReviewer = officer(prefix + "住建丁", CaseFixtures.body(jdbc, "HOUSING_URBAN_RURAL"), StaffRole.REVIEWER);
        healthReviewer = officer(prefix + "卫健戊", CaseFixtures.body(jdbc, "HEALTH"), StaffRole.REVIEWER);
    }

    UUID received(String name, String channel, String day) {
        return received(name, channel, day, UUID.randomUUID());
    }

    /** An application received on the day through the channel, announced as Applications.submit does. */
    UUID received(String name, String channel, String day, UUID applicant) {
        UUID id = CaseFixtures.submitted(jdbc, itemCode, applicant, name);
        for (CaseFacts.MissingMaterial m : facts.missingRequiredMaterials(id)) {
            jdbc.update("""
                    insert into cases_material (id, application_id, requirement_index, requirement_name, file_name,
                        content_type, size_bytes, sha256, storage_key, uploaded_at)
                    values (?, ?, ?, ?, 'm.pdf', 'application/pdf', 10, ?, 'none', now())""", UUID.randomUUID(), id,
                    m.index(), m.name(), "0".repeat(64));
        }
        jdbc.update("update cases_application set channel = ?, received_on = ?, first_submitted_at = (?::date + "
                + "time '09:00') at time zone 'Asia/Shanghai' where id = ?", channel, Date.valueOf(day), day, id);
        String caseNumber = jdbc.queryForObject("select case_number from cases_application where id = ?",
                String.class, id);
        transactions.executeWithoutResult(s -> events.publishEvent(new CaseSubmitted(id, caseNumber, itemCode,
                itemBody, applicant, null, LocalDate.parse(day), false)));
        return id;
    }

    void accept(UUID id, String when) {
        acceptance.withClock(at(when)).accept(window, id, CaseFixtures.version(jdbc, id));
    }

    /** The three parallel reviews approve and the approver grants, all at {@code when}. */
    void decide(UUID id, String when) {
        CaseProcessing day = processing.withClock(at(when));
        for (SignedIn reviewer : List.of(fireReviewer, healthReviewer, marketReviewer)) {
            TaskView task = only(day.todo(reviewer), id);
            day.act(reviewer, task.id(), task.version(), TaskAction.APPROVE, null);
        }
        TaskView decide = only(day.todo(approver), id);
        day.act(approver, decide.id(), decide.version(), TaskAction.GRANT, new CaseProcessing.ActionInput(
                "符合条件", null, null, "《中华人民共和国食品安全法》第三十五条", null));
    }

    /** Waits until every event published about the application has been handled by its listeners. */
    void handled(UUID application) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (jdbc.queryForObject("select count(*) from event_publication where completion_date is null "
                + "and serialized_event like ?", Integer.class, "%" + application + "%") > 0) {
            assertThat(System.nanoTime()).as("events about %s handled within 15 s", application)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
