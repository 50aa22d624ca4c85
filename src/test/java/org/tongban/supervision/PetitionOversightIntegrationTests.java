package org.tongban.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.tongban.cases.CaseFixtures.as;
import static org.tongban.cases.CaseFixtures.officer;

import java.util.EnumSet;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.cases.CaseFixtures;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;

/**
 * Supervisors and petitions: the overdue ones of their division with the days overdue, urging (催办) the body with a
 * note the body then sees, and publishing answered complaints and reports in the exposure column with personal data
 * scrubbed automatically and by the supervisor's edit, next to the published complaints; other divisions' supervisors
 * and other staff are refused.
 */
@TongbanIntegrationTest
class PetitionOversightIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Petitions petitions;

    private UUID market;
    private SignedIn resident;
    private SignedIn supervisor;
    private SignedIn dalianSupervisor;
    private SignedIn marketOfficer;

    @BeforeEach
    void people() {
        market = CaseFixtures.body(jdbc, "MARKET_REGULATION");
        UUID zhang = jdbc.queryForObject("select id from identity_account where name = '张三（演示）'", UUID.class);
        resident = new SignedIn(zhang, "张三（演示）", false, 2, java.util.Set.of(), null, null, null);
        supervisor = officer("督办监察甲", market, StaffRole.SUPERVISOR);
        dalianSupervisor = new SignedIn(UUID.randomUUID(), "大连监察", true, 3, EnumSet.of(StaffRole.SUPERVISOR),
                jdbc.queryForObject("select id from org_body where division_code like '2102%' limit 1", UUID.class),
                "210202", null);
        marketOfficer = officer("督办市监乙", market, StaffRole.WINDOW_OFFICER);
    }

    @Test
    void overduePetitionsAreListedWithDaysOverdueAndUrgedWithANoteTheBodySees() throws Exception {
        UUID overdue = submit("COMPLAINT", "督办测试：营业执照迟迟不办");
        UUID fresh = submit("COMPLAINT", "督办测试：尚未到期");
        // Five days ago in China (the platform counts days in Asia/Shanghai; the database's current_date is UTC's,
        // a day behind from 16:00 UTC on).
        jdbc.update("update supervision_petition set due_on = ? where id = ?",
                java.sql.Date.valueOf(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(5)),
                overdue);

        mvc.perform(get("/api/v1/supervision/petitions/overdue").with(as(supervisor))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.petition.id == '" + overdue + "')].daysOverdue").value(5))
                .andExpect(jsonPath("$[?(@.petition.id == '" + fresh + "')]").isEmpty());
        mvc.perform(get("/api/v1/supervision/petitions/overdue").with(as(dalianSupervisor)))
                .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.petition.id == '" + overdue + "')]").isEmpty());
        mvc.perform(get("/api/v1/supervision/petitions/overdue").with(as(marketOfficer)))
                .andExpect(status().isForbidden());

        String urge = "/api/v1/supervision/petitions/" + overdue + "/urges";
        mvc.perform(post(urge).with(as(supervisor)).contentType(MediaType.APPLICATION_JSON).content("{\"note\":\" \"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("note"))
                .andExpect(jsonPath("$.code").value("supervision.petition-oversight.note-missing"));
        mvc.perform(post(urge).with(as(dalianSupervisor)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"note\":\"请尽快答复\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post(urge).with(as(marketOfficer)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"note\":\"请尽快答复\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/supervision/petitions/" + fresh + "/urges").with(as(supervisor))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"请尽快答复\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("supervision.petition-oversight.not-overdue"));
        mvc.perform(post(urge).with(as(supervisor)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"note\":\"已超期五天，请于明日前答复\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.urgedByName").value("督办监察甲"));
        // On the page too (CSRF applies); the count shows in the list.
        Cookie session = session();
        mvc.perform(post("/workbench/supervision/petitions/" + overdue + "/urges").with(csrf()).with(as(supervisor))
                        .cookie(session).param("note", "再次催办"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("urged", overdue));
        mvc.perform(get("/workbench/supervision/petitions").with(as(supervisor)).cookie(session))
                .andExpect(status().isOk()).andExpect(content().string(containsString("超期 5 天")))
                .andExpect(content().string(containsString("已催办 2 次")));
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where module = 'supervision' "
                + "and action = 'petition.urged' and target_id = ?", Integer.class, overdue.toString())).isEqualTo(2);

        // The body sees the urgings, in its inbox and by API; another city's supervisor does not read them.
        mvc.perform(get("/api/v1/petitions/urges").with(as(marketOfficer))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.petitionId == '" + overdue + "')].note")
                        .value(org.hamcrest.Matchers.hasItem("已超期五天，请于明日前答复")));
        mvc.perform(CaseFixtures.page(mvc, marketOfficer, "/workbench/petitions")).andExpect(status().isOk())
                .andExpect(content().string(containsString("已超期五天，请于明日前答复")));
        mvc.perform(get(urge).with(as(dalianSupervisor))).andExpect(status().isNotFound());
        mvc.perform(get(urge).with(as(supervisor))).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2));
    }

    @Test
    void anAnsweredComplaintIsPublishedWithPersonalDataScrubbedNextToThePublishedComplaints() throws Exception {
        UUID id = submit("REPORT", "举报：张三（演示）的材料被窗口退回，联系电话13912345678，身份证210112199001011234");
        UUID consultation = submit("CONSULTATION", "咨询：营业时间");
        petitions.answer(marketOfficer, id, "已核实。请张三（演示）拨打 13912345678 以外的电话联系，已整改");
        petitions.answer(marketOfficer, consultation, "工作日 9:00-17:00");

        // The draft comes scrubbed: no phone, no ID number, no submitter's name.
        mvc.perform(get("/api/v1/supervision/petitions/" + id + "/exposure-draft").with(as(supervisor)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.problem").value(containsString("＊＊＊")))
                .andExpect(jsonPath("$.problem").value(not(containsString("13912345678"))))
                .andExpect(jsonPath("$.problem").value(not(containsString("210112199001011234"))))
                .andExpect(jsonPath("$.problem").value(not(containsString("张三"))))
                .andExpect(jsonPath("$.resolution").value(not(containsString("13912345678"))));
        mvc.perform(get("/api/v1/supervision/petitions/" + id + "/exposure-draft").with(as(dalianSupervisor)))
                .andExpect(status().isNotFound());
        mvc.perform(CaseFixtures.page(mvc, supervisor, "/workbench/supervision/petitions")).andExpect(status().isOk())
                .andExpect(content().string(containsString("/workbench/supervision/petitions/" + id + "/exposure")))
                .andExpect(content().string(not(containsString(
                        "/workbench/supervision/petitions/" + consultation + "/exposure"))));

        // The supervisor's edit still carries a phone: scrubbed on publishing all the same.
        String publish = "/api/v1/supervision/petitions/" + id + "/exposure";
        String body = "{\"title\":\"窗口退回材料不说明理由\",\"problem\":\"群众反映窗口退回材料，电话 13912345678\","
                + "\"resolution\":\"已责令窗口一次性告知所需材料\"}";
        mvc.perform(post(publish).with(as(dalianSupervisor)).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isNotFound());
        mvc.perform(post(publish).with(as(marketOfficer)).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/supervision/petitions/" + consultation + "/exposure").with(as(supervisor))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("supervision.exposure-petition.not-publishable"));
        mvc.perform(post(publish).with(as(supervisor)).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.sourceKind").value("REPORT"))
                .andExpect(jsonPath("$.problem").value("群众反映窗口退回材料，电话 ＊＊＊"));
        mvc.perform(post(publish).with(as(supervisor)).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("supervision.exposure.exists"));
        assertThat(jdbc.queryForObject("select count(*) from platform_audit_event where module = 'supervision' "
                + "and action = 'exposure.petition-published' and target_id = ?", Integer.class, id.toString()))
                .isEqualTo(1);

        // The public column shows it, labelled as a report, without the phone.
        mvc.perform(get("/api/v1/exposure").param("division", "210112")).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.title == '窗口退回材料不说明理由')].sourceKind").value(
                        org.hamcrest.Matchers.hasItem("REPORT")))
                .andExpect(content().string(not(containsString("13912345678"))));
        mvc.perform(get("/exposure")).andExpect(status().isOk())
                .andExpect(content().string(containsString("窗口退回材料不说明理由")))
                .andExpect(content().string(containsString("举报")));
    }

    @Test
    void theDraftScrubsTheSubmittersAndTheCaseApplicantsNamesWhereverTheyOccurAndPublishingScrubsThemAgain()
            throws Exception {
        String food = jdbc.queryForObject("select code from catalog_implementation_item where basic_code = "
                + "'011070001000' and division_code = '210112' and status = 'PUBLISHED'", String.class);
        UUID application = CaseFixtures.submitted(jdbc, food, UUID.randomUUID(), "欧阳明远");
        String number = jdbc.queryForObject("select case_number from cases_application where id = ?", String.class,
                application);
        UUID id = petitions.submit(resident, new PetitionRequest("COMPLAINT", "CASE", null, number, null,
                "投诉：申请人欧阳明远反映窗口要求重复提交材料，欧阳 明远本人已到场三次；由张三代为反映", null, null),
                "198.51.100.91").petition().id();
        petitions.answer(marketOfficer, id, "已联系欧阳明远先生说明情况，张三（演示）已知悉");

        // The names run into the surrounding words (Chinese has no spaces) and once with a space inside: all masked,
        // the rest of the sentence kept.
        mvc.perform(get("/api/v1/supervision/petitions/" + id + "/exposure-draft").with(as(supervisor)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.problem").value(
                        "投诉：申请人＊＊＊反映窗口要求重复提交材料，＊＊＊本人已到场三次；由＊＊＊代为反映"))
                .andExpect(jsonPath("$.resolution").value("已联系＊＊＊先生说明情况，＊＊＊已知悉"));

        // The supervisor's edit puts a name back: scrubbed again on publishing.
        mvc.perform(post("/api/v1/supervision/petitions/" + id + "/exposure").with(as(supervisor))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"欧阳明远的食品经营许可重复要材料\",\"problem\":\"窗口让申请人欧阳明远三次到场\","
                                + "\"resolution\":\"已责令一次性告知\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.title").value("＊＊＊的食品经营许可重复要材料"))
                .andExpect(jsonPath("$.problem").value("窗口让申请人＊＊＊三次到场"));
        mvc.perform(get("/api/v1/exposure").param("division", "210112")).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("欧阳明远"))));
    }

    @Test
    void scrubbingMasksANameInsideOtherWordsAndWithSpacesButNotASingleCharacter() {
        assertThat(ExposureColumn.scrub("李四丰和李 四、李　四都来了，四个人", null, java.util.List.of("李四", "四")))
                .isEqualTo("＊＊＊丰和＊＊＊、＊＊＊都来了，四个人");
    }

    private UUID submit(String kind, String text) {
        return petitions.submit(resident, new PetitionRequest(kind, "BODY", null, null, market, text, null, null),
                "198.51.100.90").petition().id();
    }

    private Cookie session() throws Exception {
        Cookie session = mvc.perform(get("/signin")).andReturn().getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        return session;
    }
}
