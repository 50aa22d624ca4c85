package org.tongban.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tongban.cases.CaseFixtures.as;
import static org.tongban.cases.CaseFixtures.officer;
import static org.tongban.cases.CaseFixtures.person;

import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.tongban.TongbanIntegrationTest;
import org.tongban.cases.CaseFixtures;
import org.tongban.identity.PersonalData;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hall-visit ratings (一次一评): a window officer records a visit at a window of a 浑南 hall, the window's kiosk (bound
 * by a device token) shows it with the visitor's name masked and takes one rating, a second is 409; the slip's
 * one-time link rates once, is used up and expires; a bad visit rating opens a rectification for the hall's body; the
 * published statistics count visits per hall and window; devices of other windows, other cities' officers and
 * anybody without the device token see nothing; failed requests are limited per address.
 */
@TongbanIntegrationTest
class VisitRatingsIntegrationTests {

    private static final String FOOD = "011070001000";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PersonalData personalData;

    private final JsonMapper json = JsonMapper.builder().build();
    private String itemCode;
    private UUID hall;
    private UUID hallBody;
    private UUID window;
    private UUID otherWindow;
    private SignedIn windowOfficer;

    @BeforeEach
    void hunnanHallWindow() {
        itemCode = jdbc.queryForObject("select code from catalog_implementation_item where basic_code = ? "
                + "and division_code = '210112' and status = 'PUBLISHED'", String.class, FOOD);
        Map<String, Object> h = jdbc.queryForMap("select id, body_id from org_hall where division_code = '210112' "
                + "order by name limit 1");
        hall = (UUID) h.get("id");
        hallBody = (UUID) h.get("body_id");
        window = jdbc.queryForObject("select id from org_window where hall_id = ? and number = '03'", UUID.class,
                hall);
        otherWindow = jdbc.queryForObject("select id from org_window where hall_id = ? and number = '02'", UUID.class,
                hall);
        windowOfficer = officer("评价窗口甲", CaseFixtures.body(jdbc, "MARKET_REGULATION"), StaffRole.WINDOW_OFFICER);
    }

    @Test
    void aVisitIsRatedOnceOnTheWindowsKioskWhichShowsOnlyAMaskedName() throws Exception {
        RequestPostProcessor from = address();
        String device = bind(window);
        String otherDevice = bind(otherWindow);

        // Without the device token, with another window's token, or for a window that does not exist: nothing.
        mvc.perform(get("/api/v1/evaluation/kiosk/windows/" + window).with(from)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("evaluation.kiosk.not-found"));
        mvc.perform(get("/api/v1/evaluation/kiosk/windows/" + window).with(from)
                .header("X-Kiosk-Token", otherDevice)).andExpect(status().isNotFound());
        mvc.perform(get("/kiosk/windows/" + window).with(from)).andExpect(status().isNotFound())
                .andExpect(content().string(containsString("本设备未设置为该窗口的评价器")));

        // The demo resident (张三, 13800000010) visits: recorded for the account, shown as 张*.
        JsonNode visit = startVisit("13800000010", null);
        UUID visitId = UUID.fromString(visit.get("id").asString());
        assertThat(visit.get("visitorMasked").asString()).isEqualTo("张*");
        assertThat(jdbc.queryForObject("select visitor_account is not null and visitor_phone_hash is null "
                + "from evaluation_visit where id = ?", Boolean.class, visitId)).isTrue();

        mvc.perform(get("/api/v1/evaluation/kiosk/windows/" + window).with(from).header("X-Kiosk-Token", device))
                .andExpect(status().isOk()).andExpect(jsonPath("$.current.id").value(visitId.toString()))
                .andExpect(jsonPath("$.current.visitorMasked").value("张*"))
                .andExpect(content().string(not(containsString("13800000010"))))
                .andExpect(content().string(not(containsString("张三"))));
        Cookie kiosk = new Cookie("TONGBAN_KIOSK", device);
        Cookie session = session();
        mvc.perform(get("/kiosk/windows/" + window).with(from).cookie(kiosk, session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("张*，您好")))
                .andExpect(content().string(containsString("name=\"_csrf\"")))
                .andExpect(content().string(containsString("非常不满意")))
                .andExpect(content().string(not(containsString("张三"))));

        // The other window's device cannot rate it; a kiosk form without a level keeps what was typed.
        mvc.perform(post("/api/v1/evaluation/kiosk/windows/" + otherWindow + "/ratings").with(from)
                        .header("X-Kiosk-Token", otherDevice).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"visitId\":\"" + visitId + "\",\"level\":5}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/evaluation/kiosk/windows/" + window + "/ratings").with(from)
                        .header("X-Kiosk-Token", device).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"visitId\":\"" + visitId + "\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("level"))
                .andExpect(jsonPath("$.code").value("evaluation.rating.level-missing"));
        mvc.perform(post("/kiosk/windows/" + window).with(from).with(csrf()).cookie(kiosk, session)
                        .param("visitId", visitId.toString()).param("comment", "等候时间有点长"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("请选择满意程度")))
                .andExpect(content().string(containsString("等候时间有点长")));
        // Forms need the CSRF token.
        mvc.perform(post("/kiosk/windows/" + window).with(from).cookie(kiosk, session)
                        .param("visitId", visitId.toString()).param("level", "5"))
                .andExpect(status().isForbidden());

        mvc.perform(post("/kiosk/windows/" + window).with(from).with(csrf()).cookie(kiosk, session)
                        .param("visitId", visitId.toString()).param("level", "5").param("reasons", "QUICK"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/kiosk/windows/" + window))
                .andExpect(flash().attribute("thanks", true));
        mvc.perform(post("/api/v1/evaluation/kiosk/windows/" + window + "/ratings").with(from)
                        .header("X-Kiosk-Token", device).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"visitId\":\"" + visitId + "\",\"level\":1}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("evaluation.visit.already-rated"));
        // Reset for the next person.
        mvc.perform(get("/api/v1/evaluation/kiosk/windows/" + window).with(from).header("X-Kiosk-Token", device))
                .andExpect(status().isOk()).andExpect(jsonPath("$.current").doesNotExist());

        Map<String, Object> rating = jdbc.queryForMap("select level, reasons::text, channel, stage, application_id, "
                + "window_id, hall_id, body_id from evaluation_rating where visit_id = ?", visitId);
        assertThat(((Number) rating.get("level")).intValue()).isEqualTo(5);
        assertThat(rating).containsEntry("channel", "KIOSK")
                .containsEntry("stage", "VISIT").containsEntry("window_id", window).containsEntry("hall_id", hall)
                .containsEntry("body_id", hallBody);
        assertThat(rating.get("application_id")).isNull();
        // The officer sees their visits, never the rating.
        mvc.perform(get("/api/v1/evaluation/visits").with(as(windowOfficer))).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(visitId.toString()))
                .andExpect(content().string(not(containsString("level"))))
                .andExpect(content().string(not(containsString("VERY_SATISFIED"))));
    }

    @Test
    void aBadRatingByTheSlipsLinkOpensARectificationForTheHallsBodyAndTheLinkIsUsedUp() throws Exception {
        RequestPostProcessor from = address();
        String phone = phone();
        JsonNode visit = startVisit(phone, null);
        UUID visitId = UUID.fromString(visit.get("id").asString());
        // An accountless visitor: the phone encrypted and hashed, shown masked.
        assertThat(visit.get("visitorMasked").asString()).isEqualTo(phone.substring(0, 3) + "****"
                + phone.substring(7));
        Map<String, Object> row = jdbc.queryForMap("select * from evaluation_visit where id = ?", visitId);
        assertThat(row.values()).noneMatch(v -> v != null && v.toString().equals(phone));
        assertThat(personalData.decrypt((String) row.get("visitor_phone_cipher"))).isEqualTo(phone);

        JsonNode slip = end(visitId);
        String token = slip.get("token").asString();
        assertThat(slip.get("ratingUrl").asString()).endsWith("/visit-rating/" + token);
        assertThat(jdbc.queryForObject("select token_hash from evaluation_visit where id = ?", String.class, visitId))
                .isNotEqualTo(token);
        mvc.perform(post("/api/v1/evaluation/visits/" + visitId + "/end").with(as(windowOfficer)))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("evaluation.visit.ended"));

        long before = rectifications(hallBody);
        mvc.perform(get("/api/v1/evaluation/visit-ratings/" + token).with(from)).andExpect(status().isOk())
                .andExpect(jsonPath("$.itemName").isNotEmpty())
                .andExpect(content().string(not(containsString(phone.substring(7)))));
        mvc.perform(get("/visit-rating/" + token).with(from).cookie(session())).andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"level\"")));
        mvc.perform(post("/api/v1/evaluation/visit-ratings/" + token).with(from)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"level\":1,\"reasons\":[\"UNFRIENDLY\",\"NOT_A_REASON\"]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("reasons"));
        mvc.perform(post("/api/v1/evaluation/visit-ratings/" + token).with(from)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"level\":1,\"reasons\":[\"UNFRIENDLY\"],\"comment\":\"窗口人员不耐烦\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.level").value("VERY_DISSATISFIED"));

        // Single use: the link is spent (409, documented: the link exists but its state forbids the request).
        mvc.perform(post("/api/v1/evaluation/visit-ratings/" + token).with(from)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":5}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("evaluation.visit.link-used"));
        mvc.perform(get("/visit-rating/" + token).with(from)).andExpect(status().isConflict())
                .andExpect(content().string(containsString("该评价链接已使用")));

        // The bad rating opened a rectification for the hall's body, naming the window, not the rater.
        assertThat(rectifications(hallBody)).isEqualTo(before + 1);
        Map<String, Object> x = jdbc.queryForMap("select x.body_id, x.visit_id, x.application_id, x.status "
                + "from evaluation_rectification x join evaluation_rating r on r.id = x.rating_id "
                + "where r.visit_id = ?", visitId);
        assertThat(x).containsEntry("body_id", hallBody).containsEntry("visit_id", visitId)
                .containsEntry("status", "OPEN");
        SignedIn hallStaff = officer("大厅整改乙", hallBody, StaffRole.REVIEWER);
        mvc.perform(get("/api/v1/evaluation/rectifications").with(as(hallStaff))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.comment == '窗口人员不耐烦')].place").isNotEmpty())
                .andExpect(content().string(not(containsString(phone))));
        mvc.perform(CaseFixtures.page(mvc, hallStaff, "/workbench/rectifications")).andExpect(status().isOk())
                .andExpect(content().string(containsString("窗口人员不耐烦")));
    }

    @Test
    void afterTheBodyAnswersABadVisitRatingTheVisitorWithoutAccountGetsASecondLinkAndRatesAgain() throws Exception {
        RequestPostProcessor from = address();
        String phone = phone();
        UUID visitId = UUID.fromString(startVisit(phone, null).get("id").asString());
        String token = end(visitId).get("token").asString();
        mvc.perform(post("/api/v1/evaluation/visit-ratings/" + token).with(from)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":2,\"reasons\":[\"SLOW\"]}"))
                .andExpect(status().isCreated());
        JsonNode before = statistics();
        UUID rectification = jdbc.queryForObject("select x.id from evaluation_rectification x join evaluation_rating r "
                + "on r.id = x.rating_id where r.visit_id = ?", UUID.class, visitId);
        SignedIn hallStaff = officer("大厅整改丙", hallBody, StaffRole.REVIEWER);
        // No second rating before the answer: nothing to rate with, and the first link is spent.
        mvc.perform(post("/api/v1/evaluation/visit-ratings/" + token).with(from)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":5}"))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/v1/evaluation/rectifications/" + rectification).with(as(hallStaff))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"visitNote\":\"已电话回访\"}"))
                .andExpect(status().isOk());
        assertThat(secondLink(phone)).isNull();
        mvc.perform(post("/api/v1/evaluation/rectifications/" + rectification).with(as(hallStaff))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"response\":\"已增开窗口，高峰期等候不超过二十分钟\"}"))
                .andExpect(status().isOk());

        // The answer went by SMS to the number recorded at the window, with a second one-time link (kept as a hash).
        String second = secondLink(phone);
        assertThat(second).isNotNull().isNotEqualTo(token);
        assertThat(jdbc.queryForObject("select rerating_token_hash from evaluation_visit where id = ?", String.class,
                visitId)).isNotEqualTo(second).hasSize(64);
        mvc.perform(get("/api/v1/evaluation/visit-ratings/" + second).with(from)).andExpect(status().isOk())
                .andExpect(jsonPath("$.round").value(2))
                .andExpect(jsonPath("$.response").value("已增开窗口，高峰期等候不超过二十分钟"));
        mvc.perform(get("/visit-rating/" + second).with(from).cookie(session())).andExpect(status().isOk())
                .andExpect(content().string(containsString("已增开窗口，高峰期等候不超过二十分钟")))
                .andExpect(content().string(containsString("name=\"level\"")));
        mvc.perform(post("/api/v1/evaluation/visit-ratings/" + second).with(from)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":4}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.round").value(2));
        mvc.perform(post("/api/v1/evaluation/visit-ratings/" + second).with(from)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":1}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("evaluation.visit.link-used"));
        assertThat(jdbc.queryForList("select round || ':' || level || ':' || channel from evaluation_rating "
                + "where visit_id = ? order by round", String.class, visitId)).containsExactly("1:2:LINK", "2:4:LINK");

        // The second rating supersedes the first in the statistics, as for a case: one rating, no longer bad.
        JsonNode after = statistics();
        assertThat(after.get("total").get("ratings").asLong()).isEqualTo(before.get("total").get("ratings").asLong());
        assertThat(after.get("total").get("bad").asLong()).isEqualTo(before.get("total").get("bad").asLong() - 1);
        assertThat(count(after, "windows", window)).isEqualTo(count(before, "windows", window));
    }

    @Test
    void aVisitorWithAnAccountSeesTheAnswerInTheirAccountAndRatesAgainThere() throws Exception {
        RequestPostProcessor from = address();
        UUID visitId = UUID.fromString(startVisit("13800000010", null).get("id").asString());
        UUID account = jdbc.queryForObject("select visitor_account from evaluation_visit where id = ?", UUID.class,
                visitId);
        SignedIn zhang = person(account);
        String token = end(visitId).get("token").asString();
        mvc.perform(post("/api/v1/evaluation/visit-ratings/" + token).with(from)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":1,\"comment\":\"材料被退回三次\"}"))
                .andExpect(status().isCreated());
        // Before the answer: seen, not yet ratable again (409 documented).
        mvc.perform(get("/api/v1/evaluation/my-visits").with(as(zhang))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == '" + visitId + "')].canRateAgain").value(false));
        mvc.perform(post("/api/v1/evaluation/my-visits/" + visitId + "/ratings").with(as(zhang))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":5}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("evaluation.visit.rerating-not-open"));

        UUID rectification = jdbc.queryForObject("select x.id from evaluation_rectification x join evaluation_rating r "
                + "on r.id = x.rating_id where r.visit_id = ?", UUID.class, visitId);
        SignedIn hallStaff = officer("大厅整改丁", hallBody, StaffRole.REVIEWER);
        mvc.perform(post("/api/v1/evaluation/rectifications/" + rectification).with(as(hallStaff))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"visitNote\":\"已回访\",\"response\":\"已向您说明一次性告知的材料清单\"}"))
                .andExpect(status().isOk());

        // Someone else neither sees nor rates it; staff may not rate.
        SignedIn other = person(UUID.randomUUID());
        mvc.perform(get("/api/v1/evaluation/my-visits").with(as(other))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString(visitId.toString()))));
        mvc.perform(post("/api/v1/evaluation/my-visits/" + visitId + "/ratings").with(as(other))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":5}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/evaluation/my-visits/" + visitId + "/ratings").with(as(hallStaff))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":5}"))
                .andExpect(status().isForbidden());

        Cookie session = session();
        mvc.perform(get("/account/visits").with(as(zhang)).cookie(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("已向您说明一次性告知的材料清单")))
                .andExpect(content().string(containsString("/account/visits/" + visitId + "/rating")));
        // A form without a level keeps what was typed.
        mvc.perform(post("/account/visits/" + visitId + "/rating").with(csrf()).with(as(zhang)).cookie(session)
                        .param("comment", "说明得很清楚"))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("请选择满意程度")))
                .andExpect(content().string(containsString("说明得很清楚")));
        mvc.perform(post("/account/visits/" + visitId + "/rating").with(csrf()).with(as(zhang)).cookie(session)
                        .param("level", "5").param("comment", "说明得很清楚"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/account/visits"));
        assertThat(jdbc.queryForList("select round || ':' || level || ':' || channel from evaluation_rating "
                + "where visit_id = ? order by round", String.class, visitId)).containsExactly("1:1:LINK",
                        "2:5:ONLINE");
        // The SMS link sent with the answer is used up by the rating in the account.
        String second = secondLink("13800000010");
        assertThat(second).isNotNull();
        mvc.perform(get("/api/v1/evaluation/visit-ratings/" + second).with(from)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("evaluation.visit.link-used"));
        mvc.perform(post("/api/v1/evaluation/my-visits/" + visitId + "/ratings").with(as(zhang))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":1}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("evaluation.visit.already-rated"));
    }

    @Test
    void aVisitorWithAnAccountGivesTheFirstRatingInTheirAccountOnceAndTheSlipsLinkIsThenUsedUp() throws Exception {
        RequestPostProcessor from = address();
        UUID visitId = UUID.fromString(startVisit("13800000010", null).get("id").asString());
        SignedIn zhang = person(jdbc.queryForObject("select visitor_account from evaluation_visit where id = ?",
                UUID.class, visitId));
        String token = end(visitId).get("token").asString();
        long before = rectifications(hallBody);

        // Not rated yet: ratable in the account, until the slip's link would expire.
        mvc.perform(get("/api/v1/evaluation/my-visits").with(as(zhang))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == '" + visitId + "')].canRate").value(true))
                .andExpect(jsonPath("$[?(@.id == '" + visitId + "')].canRateAgain").value(false));
        Cookie session = session();
        mvc.perform(get("/account/visits").with(as(zhang)).cookie(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("/account/visits/" + visitId + "/rating")))
                .andExpect(content().string(containsString("id=\"v-" + visitId + "-level-1\"")))
                .andExpect(content().string(containsString("评价本次服务")));

        // Someone else's visit is not found; staff may not rate; bad input names the field and keeps what was typed.
        mvc.perform(post("/api/v1/evaluation/my-visits/" + visitId + "/ratings").with(as(person(UUID.randomUUID())))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":5}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/evaluation/my-visits/" + visitId + "/ratings").with(as(windowOfficer))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":5}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/evaluation/my-visits/" + visitId + "/ratings").with(as(zhang))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":2,\"reasons\":[\"NOPE\"]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("reasons"));
        mvc.perform(post("/account/visits/" + visitId + "/rating").with(csrf()).with(as(zhang)).cookie(session)
                        .param("comment", "叫号系统混乱"))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("请选择满意程度")))
                .andExpect(content().string(containsString("叫号系统混乱")));
        assertThat(jdbc.queryForObject("select count(*) from evaluation_rating where visit_id = ?", Integer.class,
                visitId)).isZero();

        // The first rating, bad: the same follow-up as at the kiosk (a rectification for the hall's body).
        mvc.perform(post("/account/visits/" + visitId + "/rating").with(csrf()).with(as(zhang)).cookie(session)
                        .param("level", "2").param("reasons", "SLOW").param("comment", "叫号系统混乱"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/account/visits"));
        assertThat(jdbc.queryForList("select round || ':' || level || ':' || channel || ':' || stage "
                + "from evaluation_rating where visit_id = ?", String.class, visitId)).containsExactly(
                        "1:2:ONLINE:VISIT");
        assertThat(rectifications(hallBody)).isEqualTo(before + 1);

        // Once per visit: the slip's link is used up, the kiosk has nothing to rate, the account waits for the answer.
        mvc.perform(get("/api/v1/evaluation/visit-ratings/" + token).with(from)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("evaluation.visit.link-used"));
        mvc.perform(post("/api/v1/evaluation/my-visits/" + visitId + "/ratings").with(as(zhang))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":5}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("evaluation.visit.rerating-not-open"));
        mvc.perform(get("/api/v1/evaluation/my-visits").with(as(zhang))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == '" + visitId + "')].canRate").value(false));

        // A good first rating by the API has nothing to follow: a second one is refused as already rated.
        UUID good = UUID.fromString(startVisit("13800000010", null).get("id").asString());
        mvc.perform(post("/api/v1/evaluation/my-visits/" + good + "/ratings").with(as(zhang))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":4,\"reasons\":[\"FRIENDLY\"]}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.round").value(1))
                .andExpect(jsonPath("$.level").value("SATISFIED"));
        mvc.perform(post("/api/v1/evaluation/my-visits/" + good + "/ratings").with(as(zhang))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":1}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("evaluation.visit.already-rated"));

        // After the slip link's validity the visit can no longer be rated in the account either.
        UUID late = UUID.fromString(startVisit("13800000010", null).get("id").asString());
        end(late);
        jdbc.update("update evaluation_visit set token_expires_at = now() - interval '1 minute' where id = ?", late);
        mvc.perform(post("/api/v1/evaluation/my-visits/" + late + "/ratings").with(as(zhang))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":5}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("evaluation.visit.rating-closed"));
        mvc.perform(post("/account/visits/" + late + "/rating").with(csrf()).with(as(zhang)).cookie(session)
                        .param("level", "5"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("refused", "本次服务的评价期限已过。"));
        assertThat(jdbc.queryForObject("select count(*) from evaluation_rating where visit_id = ?", Integer.class,
                late)).isZero();
    }

    @Test
    void aBadVisitRatingIsAWarningOfTheHallsDivisionForItsSupervisorsWithTheRaterMasked() throws Exception {
        RequestPostProcessor from = address();
        String phone = phone();
        UUID visitId = UUID.fromString(startVisit(phone, null).get("id").asString());
        String token = end(visitId).get("token").asString();
        mvc.perform(post("/api/v1/evaluation/visit-ratings/" + token).with(from)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":1}"))
                .andExpect(status().isCreated());
        String division = jdbc.queryForObject("select division_code from org_hall where id = ?", String.class, hall);
        SignedIn supervisor = new SignedIn(UUID.randomUUID(), "浑南监察辛", true, 3, EnumSet.of(StaffRole.SUPERVISOR),
                hallBody, division, null);
        SignedIn dalian = new SignedIn(UUID.randomUUID(), "大连监察壬", true, 3, EnumSet.of(StaffRole.SUPERVISOR),
                jdbc.queryForObject("select id from org_body where division_code like '2102%' limit 1", UUID.class),
                "210200", null);

        // Raised from the rating's event once it committed: no case, the visit, its place and the rater masked.
        String masked = phone.substring(0, 3) + "****" + phone.substring(7);
        JsonNode warning = null;
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (warning == null) {
            JsonNode all = json.readTree(mvc.perform(get("/api/v1/supervision/warnings").with(as(supervisor)))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
            for (JsonNode w : all) {
                if (visitId.toString().equals(w.path("visitId").asString(null))) {
                    warning = w;
                }
            }
            assertThat(System.nanoTime()).as("a warning for the visit within 10 s").isLessThan(deadline);
            if (warning == null) {
                Thread.sleep(50);
            }
        }
        assertThat(warning.get("kind").asString()).isEqualTo("BAD_RATING");
        assertThat(warning.get("detail").asString()).isEqualTo("VERY_DISSATISFIED");
        assertThat(warning.get("applicationId").isNull()).isTrue();
        assertThat(warning.get("bodyId").asString()).isEqualTo(hallBody.toString());
        assertThat(warning.get("raterMasked").asString()).isEqualTo(masked);
        assertThat(warning.get("place").asString()).contains(" · 03 ");
        assertThat(warning.toString()).doesNotContain(phone);
        assertThat(jdbc.queryForObject("select count(*) from supervision_warning where visit_id = ?", Integer.class,
                visitId)).isEqualTo(1);

        // Another city's supervisor does not see it; the hall's division's supervisors see it on their page and mark
        // it handled like any warning.
        mvc.perform(get("/api/v1/supervision/warnings").with(as(dalian))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString(visitId.toString()))));
        String id = warning.get("id").asString();
        mvc.perform(CaseFixtures.page(mvc, supervisor, "/workbench/supervision")).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"w-" + id + "\"")))
                .andExpect(content().string(containsString("评价人：" + masked)))
                .andExpect(content().string(not(containsString(phone))));
        mvc.perform(post("/api/v1/supervision/warnings/" + id + "/handled").with(as(dalian))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"越权\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/supervision/warnings/" + id + "/handled").with(as(supervisor))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"已督促大厅整改\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.handledNote").value("已督促大厅整改"));
    }

    /** The newest second rating link sent by SMS to the phone (the development inbox), or null. */
    private String secondLink(String phone) throws Exception {
        String inbox = mvc.perform(get("/dev/sms").param("phone", phone)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/visit-rating/([A-Za-z0-9_-]{20,})")
                .matcher(inbox);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void anUnknownLinkIs404AndAnExpiredOneIs409() throws Exception {
        RequestPostProcessor from = address();
        UUID visitId = UUID.fromString(startVisit(phone(), null).get("id").asString());
        String token = end(visitId).get("token").asString();
        mvc.perform(get("/api/v1/evaluation/visit-ratings/" + token + "x").with(from))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("evaluation.visit.link-unknown"));
        jdbc.update("update evaluation_visit set token_expires_at = now() - interval '1 minute' where id = ?",
                visitId);
        mvc.perform(get("/api/v1/evaluation/visit-ratings/" + token).with(from)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("evaluation.visit.link-expired"));
        mvc.perform(post("/api/v1/evaluation/visit-ratings/" + token).with(from)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":4}"))
                .andExpect(status().isConflict());
        assertThat(jdbc.queryForObject("select count(*) from evaluation_rating where visit_id = ?", Integer.class,
                visitId)).isZero();
    }

    @Test
    void thePublishedStatisticsCountVisitsPerHallAndWindow() throws Exception {
        RequestPostProcessor from = address();
        JsonNode before = statistics();
        UUID visitId = UUID.fromString(startVisit(phone(), null).get("id").asString());
        String token = end(visitId).get("token").asString();
        mvc.perform(post("/api/v1/evaluation/visit-ratings/" + token).with(from)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\":4}"))
                .andExpect(status().isCreated());
        JsonNode after = statistics();
        assertThat(after.get("total").get("ratings").asLong()).isEqualTo(before.get("total").get("ratings").asLong()
                + 1);
        assertThat(count(after, "halls", hall)).isEqualTo(count(before, "halls", hall) + 1);
        assertThat(count(after, "windows", window)).isEqualTo(count(before, "windows", window) + 1);
        assertThat(count(after, "bodies", hallBody)).isEqualTo(count(before, "bodies", hallBody) + 1);
        mvc.perform(get("/ratings").param("division", "210112")).andExpect(status().isOk())
                .andExpect(content().string(containsString("按窗口")));
    }

    @Test
    void onlyWindowOfficersOfTheHallRecordVisitsAndBindItsKiosk() throws Exception {
        SignedIn dalian = new SignedIn(UUID.randomUUID(), "大连窗口", true, 3, EnumSet.of(StaffRole.WINDOW_OFFICER),
                jdbc.queryForObject("select id from org_body where division_code like '2102%' limit 1", UUID.class),
                "210202", null);
        mvc.perform(post("/api/v1/evaluation/windows/" + window + "/kiosk-devices").with(as(dalian)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/evaluation/visits").with(as(dalian)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"windowId\":\"" + window + "\",\"phone\":\"" + phone() + "\",\"itemCode\":\""
                                + itemCode + "\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("windowId"));
        SignedIn reviewer = officer("评价审查丙", CaseFixtures.body(jdbc, "MARKET_REGULATION"), StaffRole.REVIEWER);
        mvc.perform(post("/api/v1/evaluation/windows/" + window + "/kiosk-devices").with(as(reviewer)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/evaluation/visits").with(as(person(UUID.randomUUID())))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/evaluation/visits").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized());

        // Binding a new device retires the window's old one.
        RequestPostProcessor from = address();
        String first = bind(window);
        String second = bind(window);
        mvc.perform(get("/api/v1/evaluation/kiosk/windows/" + window).with(from).header("X-Kiosk-Token", first))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/evaluation/kiosk/windows/" + window).with(from).header("X-Kiosk-Token", second))
                .andExpect(status().isOk());
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where module = 'evaluation' "
                + "and action = 'kiosk.bound' and target_id = ?", Integer.class, window.toString())).isGreaterThan(1);

        // Bad input names the field.
        mvc.perform(post("/api/v1/evaluation/visits").with(as(windowOfficer)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"windowId\":\"" + window + "\",\"phone\":\"12345\",\"itemCode\":\"" + itemCode
                                + "\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("phone"));
        mvc.perform(post("/api/v1/evaluation/visits").with(as(windowOfficer)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"windowId\":\"" + window + "\",\"phone\":\"" + phone() + "\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("itemCode"));
        mvc.perform(post("/api/v1/evaluation/visits").with(as(windowOfficer)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"windowId\":\"" + window + "\",\"phone\":\"" + phone()
                                + "\",\"caseNumber\":\"NO-SUCH-CASE\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("caseNumber"));
    }

    @Test
    void theOfficersPagesRecordAVisitKeepWhatWasTypedAndPrintTheSlipWithItsQrCode() throws Exception {
        Cookie session = session();
        String phone = phone();
        MvcResult refused = mvc.perform(post("/workbench/visits").with(csrf()).with(as(windowOfficer))
                        .cookie(session).param("windowId", window.toString()).param("phone", "1380")
                        .param("itemCode", itemCode))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/workbench/visits"))
                .andExpect(flash().attributeExists("error")).andReturn();
        mvc.perform(get("/workbench/visits").with(as(windowOfficer)).cookie(session)
                        .flashAttrs(refused.getFlashMap()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"phone-error\"")))
                .andExpect(content().string(containsString("value=\"1380\"")))
                .andExpect(content().string(containsString("value=\"" + itemCode + "\"")));

        mvc.perform(post("/workbench/visits").with(csrf()).with(as(windowOfficer)).cookie(session)
                        .param("windowId", window.toString()).param("phone", phone).param("itemCode", itemCode))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attributeExists("started"));
        UUID visitId = jdbc.queryForObject("select id from evaluation_visit where officer_account = ? "
                + "order by started_at desc limit 1", UUID.class, windowOfficer.accountId());
        mvc.perform(get("/workbench/visits").with(as(windowOfficer)).cookie(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("/workbench/visits/" + visitId + "/end")))
                .andExpect(content().string(containsString(phone.substring(0, 3) + "****")))
                .andExpect(content().string(not(containsString(phone))));
        MvcResult ended = mvc.perform(post("/workbench/visits/" + visitId + "/end").with(csrf())
                        .with(as(windowOfficer)).cookie(session))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/workbench/visits/" + visitId + "/slip")).andReturn();
        String token = (String) ended.getFlashMap().get("slipToken");
        mvc.perform(get("/workbench/visits/" + visitId + "/slip").with(as(windowOfficer)).cookie(session)
                        .flashAttrs(ended.getFlashMap()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("<svg")))
                .andExpect(content().string(containsString("/visit-rating/" + token)));
        // Shown once: the slip page later has no code, and the link is stored only as a hash.
        mvc.perform(get("/workbench/visits/" + visitId + "/slip").with(as(windowOfficer)).cookie(session))
                .andExpect(status().isOk()).andExpect(content().string(not(containsString(token))));
        // Another city's window officer does not see the slip.
        SignedIn dalian = new SignedIn(UUID.randomUUID(), "大连窗口", true, 3, EnumSet.of(StaffRole.WINDOW_OFFICER),
                jdbc.queryForObject("select id from org_body where division_code like '2102%' limit 1", UUID.class),
                "210202", null);
        mvc.perform(CaseFixtures.page(mvc, dalian, "/workbench/visits/" + visitId + "/slip"))
                .andExpect(status().isNotFound());
    }

    @Test
    void failedKioskRequestsFromOneAddressAreLimited() throws Exception {
        RequestPostProcessor from = address();
        int status = 0;
        for (int i = 0; i < 25 && status != 429; i++) {
            status = mvc.perform(get("/api/v1/evaluation/kiosk/windows/" + window).with(from)
                    .header("X-Kiosk-Token", "guess-" + i)).andReturn().getResponse().getStatus();
        }
        assertThat(status).isEqualTo(429);
        // Another address is not affected.
        mvc.perform(get("/api/v1/evaluation/kiosk/windows/" + window).with(address())
                .header("X-Kiosk-Token", "guess")).andExpect(status().isNotFound());
    }

    // ---

    private String bind(UUID windowId) throws Exception {
        return json.readTree(mvc.perform(post("/api/v1/evaluation/windows/" + windowId + "/kiosk-devices")
                        .with(as(windowOfficer)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString())
                .get("deviceToken").asString();
    }

    private JsonNode startVisit(String phone, String caseNumber) throws Exception {
        MvcResult result = mvc.perform(post("/api/v1/evaluation/visits").with(as(windowOfficer))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"windowId\":\"" + window + "\",\"phone\":\"" + phone + "\",\"itemCode\":\""
                                + itemCode + "\"" + (caseNumber == null ? "" : ",\"caseNumber\":\"" + caseNumber
                                        + "\"") + "}"))
                .andExpect(status().isCreated()).andReturn();
        return json.readTree(result.getResponse().getContentAsString());
    }

    private JsonNode end(UUID visitId) throws Exception {
        return json.readTree(mvc.perform(post("/api/v1/evaluation/visits/" + visitId + "/end")
                        .with(as(windowOfficer)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private long rectifications(UUID body) {
        return jdbc.queryForObject("select count(*) from evaluation_rectification where body_id = ?", Long.class,
                body);
    }

    private JsonNode statistics() throws Exception {
        return json.readTree(mvc.perform(get("/api/v1/evaluation/statistics").param("division", "210112"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static long count(JsonNode report, String part, UUID key) {
        for (JsonNode line : report.get(part)) {
            if (line.get("key").asString().equals(key.toString())) {
                return line.get("ratings").asLong();
            }
        }
        return 0;
    }

    private Cookie session() throws Exception {
        Cookie session = mvc.perform(get("/signin")).andReturn().getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        return session;
    }

    /** Phones and addresses of this class only, so the limits other tests rely on are untouched. */
    private static String phone() {
        return "1397%07d".formatted((System.nanoTime() / 1000 + SEQUENCE.incrementAndGet()) % 10_000_000);
    }

    private static RequestPostProcessor address() {
        String address = "203.0.113." + (SEQUENCE.incrementAndGet() % 250 + 1) + "";
        String unique = address + "-" + System.nanoTime();
        return request -> {
            request.setRemoteAddr(unique);
            return request;
        };
    }
}
