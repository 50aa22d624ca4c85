package org.tongban.drills;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriUtils;
import org.tongban.cases.Applications;
import org.tongban.cases.CaseAcceptance;
import org.tongban.cases.CaseProcessing;
import org.tongban.cases.TaskAction;
import org.tongban.cases.TaskView;
import org.tongban.catalog.ImplementationCode;
import org.tongban.certificates.CertificateUse;
import org.tongban.certificates.Certificates;
import org.tongban.certificates.Grantee;
import org.tongban.certificates.Holder;
import org.tongban.certificates.IssueRequest;
import org.tongban.evaluation.Ratings;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.supervision.Complaints;
import org.tongban.shared.UnifiedSocialCreditCode;

import tools.jackson.databind.json.JsonMapper;

/**
 * What the security drills need: the resources of two citizens and two bodies in different cities, the principals
 * that call, and a well-formed request for any endpoint built from its handler's signature (path variables from the
 * drill's resources, required parameters, a JSON body shaped like the handler's record, a file for uploads), into
 * which the fuzzing drill puts one hostile value at a time.
 */
final class Drill {

    static final String FOOD = "011070001000";
    static final String SOLE_TRADER = "011070003000";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    static final JsonMapper JSON = JsonMapper.builder().build();

    final MockMvc mvc;
    final JdbcTemplate jdbc;

    UUID market;
    UUID hr;
    UUID far;
    String farDivision;
    UUID province;
    String itemCode;
    int itemVersion;
    String soleTraderCode;
    UUID itemId;
    UUID accountA;
    UUID accountB;
    SignedIn a;
    SignedIn b;
    UUID draftApp = UUID.randomUUID();
    UUID draftMaterial = UUID.randomUUID();
    /** An entry of A's material library (我的材料), kept from the draft's file. */
    UUID libraryEntry = UUID.randomUUID();
    UUID walkInApp = UUID.randomUUID();
    UUID walkInMaterial = UUID.randomUUID();
    UUID submittedApp;
    UUID reviewApp;
    UUID reviewTask = UUID.randomUUID();
    UUID reviewMaterial = UUID.randomUUID();
    UUID completedApp;
    UUID rectification;
    UUID rating = UUID.randomUUID();
    UUID complaint = UUID.randomUUID();
    UUID warning = UUID.randomUUID();
    UUID finding = UUID.randomUUID();
    UUID petition = UUID.randomUUID();
    /** A window of a hall in 浑南区 and a visit recorded at it (一次一评). */
    UUID hallWindow = UUID.randomUUID();
    UUID hallVisit = UUID.randomUUID();
    UUID certificate = UUID.randomUUID();
    UUID certificateAuthorization = UUID.randomUUID();
    UUID company = UUID.randomUUID();
    UUID agentGrant;
    UUID staffAccount;
    String clientId;
    String resourceCode;
    UUID sharingRequest;
    UUID importJob = UUID.randomUUID();
    UUID synonym = UUID.randomUUID();
    UUID attachment = UUID.randomUUID();
    String attachmentName;

    private final org.tongban.identity.internal.PersonalDataCipher cipher;

    Drill(MockMvc mvc, ApplicationContext context) {
        this.mvc = mvc;
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.cipher = context.getBean(org.tongban.identity.internal.PersonalDataCipher.class);
        create(context);
    }

    // ------------------------------------------------------------------------------------------------ principals

    SignedIn staff(StaffRole role, AccessRules.Place place) {
        UUID body = switch (place) {
            case MARKET -> market;
            case HR -> hr;
            case FAR -> far;
            case PROVINCE -> province;
        };
        String division = switch (place) {
            case FAR -> farDivision;
            case PROVINCE -> "210000";
            default -> "210112";
        };
        return new SignedIn(UUID.nameUUIDFromBytes((role + "@" + place).getBytes(StandardCharsets.UTF_8)),
                "演练" + role + place, true, 3, EnumSet.of(role), body, division, null);
    }

    static String name(SignedIn who) {
        if (who == null) {
            return "anonymous";
        }
        return who.staff() ? who.roles().iterator().next() + "@" + who.name().replaceAll(".*(MARKET|HR|FAR|PROVINCE)$", "$1")
                : who.name();
    }

    // ------------------------------------------------------------------------------------------------ resources

    private void create(ApplicationContext context) {
        market = body("210112", "MARKET_REGULATION");
        hr = body("210112", "HUMAN_RESOURCES_SOCIAL_SECURITY");
        Map<String, Object> dalian = jdbc.queryForMap("select id, division_code from org_body where division_code "
                + "like '2102%' and category = 'MARKET_REGULATION' order by division_code limit 1");
        far = (UUID) dalian.get("id");
        farDivision = (String) dalian.get("division_code");
        province = body("210000", "GOVERNMENT_SERVICE");
        Map<String, Object> item = jdbc.queryForMap("select id, code, version from catalog_implementation_item "
                + "where basic_code = ? and division_code = '210112' and status = 'PUBLISHED'", FOOD);
        itemId = (UUID) item.get("id");
        itemCode = (String) item.get("code");
        itemVersion = ((Number) item.get("version")).intValue();

        int n = SEQUENCE.incrementAndGet();
        accountA = person("演练甲" + n);
        accountB = person("演练乙" + n);
        UUID agent = person("演练丙" + n);
        a = new SignedIn(accountA, "演练甲", false, 3, Set.of(), null, null, null);
        b = new SignedIn(accountB, "演练乙", false, 3, Set.of(), null, null, null);

        // Every staff principal has its account and assignment, as after a real sign-in.
        for (StaffRole role : StaffRole.values()) {
            for (AccessRules.Place place : AccessRules.Place.values()) {
                SignedIn who = staff(role, place);
                account(who.accountId(), who.name(), "STAFF");
                boolean body = EnumSet.of(StaffRole.WINDOW_OFFICER, StaffRole.REVIEWER, StaffRole.APPROVER).contains(role);
                jdbc.update("insert into identity_staff_assignment (account_id, body_id, division_code, roles, "
                        + "data_scope) values (?, ?, ?, ?, ?) on conflict do nothing", who.accountId(),
                        who.staffBody(), who.staffDivision(), role.name(), body ? "BODY" : "DIVISION");
            }
        }

        Applications applications = context.getBean(Applications.class);
        String soleTrader = soleTraderCode = jdbc.queryForObject("select code from catalog_implementation_item where basic_code = ? "
                + "and division_code = '210112' and status = 'PUBLISHED'", String.class, SOLE_TRADER);
        step("draft application", () -> {
            draftApp = applications.start(a, ImplementationCode.of(soleTrader), "drill-" + UUID.randomUUID());
            draftMaterial = applications.upload(a, draftApp, 0, "身份证明.pdf", pdf()).id();
            jdbc.update("insert into cases_material_library (id, owner_account, material_name, file_name, "
                    + "content_type, size_bytes, sha256, storage_key, uploaded_at, added_at) select ?, ?, "
                    + "requirement_name, file_name, content_type, size_bytes, sha256, storage_key, uploaded_at, now() "
                    + "from cases_material where id = ?", libraryEntry, accountA, draftMaterial);
        });

        SignedIn window = staff(StaffRole.WINDOW_OFFICER, AccessRules.Place.MARKET);
        step("walk-in application", () -> {
            org.tongban.cases.WalkInFiling walkIns = context.getBean(org.tongban.cases.WalkInFiling.class);
            SignedIn counter = staff(StaffRole.WINDOW_OFFICER, AccessRules.Place.MARKET);
            walkInApp = walkIns.start(counter, new org.tongban.cases.WalkInFiling.Start(soleTrader, "演练窗口" + n,
                    org.tongban.shared.CitizenIdNumber.withCheckCharacter("21011219850606" + "%03d".formatted(n % 1000))
                            .value(), "139%08d".formatted(n), null, null), "drill-" + UUID.randomUUID()).id();
            walkInMaterial = walkIns.upload(counter, walkInApp, 0, "申请书.pdf", pdf()).id();
        });
        SignedIn reviewer = staff(StaffRole.REVIEWER, AccessRules.Place.MARKET);
        SignedIn approver = new SignedIn(UUID.randomUUID(), "演练负责人", true, 3,
                EnumSet.of(StaffRole.REVIEWER, StaffRole.APPROVER), market, "210112", null);
        SignedIn fire = new SignedIn(UUID.randomUUID(), "演练住建", true, 3, EnumSet.of(StaffRole.REVIEWER),
                body("210112", "HOUSING_URBAN_RURAL"), "210112", null);
        SignedIn health = new SignedIn(UUID.randomUUID(), "演练卫健", true, 3, EnumSet.of(StaffRole.REVIEWER),
                body("210112", "HEALTH"), "210112", null);
        CaseAcceptance acceptance = context.getBean(CaseAcceptance.class).withClock(at("2026-03-02T09:00"));
        CaseProcessing processing = context.getBean(CaseProcessing.class).withClock(at("2026-03-03T10:00"));

        submittedApp = submitted(accountA);
        reviewApp = submitted(accountA);
        completedApp = submitted(accountA);
        step("application in review", () -> {
            jdbc.update("insert into cases_material (id, application_id, requirement_index, requirement_name, file_name, "
                    + "content_type, size_bytes, sha256, storage_key, uploaded_at) select ?, ?, requirement_index, "
                    + "requirement_name, file_name, content_type, size_bytes, sha256, storage_key, uploaded_at "
                    + "from cases_material where id = ?", reviewMaterial,
                    reviewApp, draftMaterial);
            acceptance.accept(window, reviewApp, version(reviewApp));
            reviewTask = only(processing.todo(reviewer), reviewApp).id();
        });
        step("completed application", () -> {
            acceptance.accept(window, completedApp, version(completedApp));
            for (SignedIn r : List.of(fire, health, reviewer)) {
                TaskView task = only(processing.todo(r), completedApp);
                processing.act(r, task.id(), task.version(), TaskAction.APPROVE, null);
            }
            TaskView decide = only(processing.todo(approver), completedApp);
            processing.act(approver, decide.id(), decide.version(), TaskAction.GRANT, new CaseProcessing.ActionInput(
                    "符合条件", null, null, "《中华人民共和国食品安全法》第三十五条", null));
            for (int i = 0; i < 2; i++) {
                TaskView task = only(processing.todo(window), completedApp);
                processing.act(window, task.id(), task.version(), TaskAction.APPROVE,
                        CaseProcessing.ActionInput.opinion("电子送达"));
            }
        });
        step("rating", () -> context.getBean(Ratings.class).rate(a, completedApp, 1, List.of(), "演练差评"));
        // The bad rating's rectification is opened by a listener after the commit.
        for (int i = 0; i < 100 && rectification == null; i++) {
            rectification = jdbc.query("select id from evaluation_rectification where application_id = ?",
                    (rs, row) -> rs.getObject(1, UUID.class), completedApp).stream().findFirst().orElse(null);
            step("rectification", () -> sleep(50));
        }
        if (rectification == null) {
            System.out.println("DRILL FIXTURE rectification not created");
            rectification = UUID.randomUUID();
        }
        rating = jdbc.query("select id from evaluation_rating where application_id = ?",
                (rs, row) -> rs.getObject(1, UUID.class), completedApp).stream().findFirst().orElse(rating);
        step("complaint", () -> complaint = context.getBean(Complaints.class).submit(a, completedApp, "演练投诉：窗口态度")
                .id());
        warning = UUID.randomUUID();
        jdbc.update("insert into supervision_warning (id, kind, source_id, application_id, case_number, body_id, "
                + "body_name, division_code, raised_at) select ?, 'YELLOW', ?, id, case_number, body_id, body_name, "
                + "'210112', now() from cases_application where id = ?", warning, UUID.randomUUID(), completedApp);
        jdbc.update("insert into supervision_finding (id, rule, source_key, application_id, case_number, body_id, "
                + "body_name, division_code, evidence, found_at) select ?, 'LATE_DECISION', ?, id, case_number, "
                + "body_id, body_name, '210112', '演练', now() from cases_application where id = ?", finding,
                "drill:" + finding, completedApp);
        step("petition", () -> petition = context.getBean(org.tongban.supervision.Petitions.class).submit(a,
                new org.tongban.supervision.PetitionRequest("COMPLAINT", "BODY", null, null, market, "演练投诉：部门",
                        null, null), "198.51.100.7").petition().id());
        hallWindow = jdbc.queryForObject("select w.id from org_window w join org_hall h on h.id = w.hall_id "
                + "where h.division_code = '210112' order by h.name, w.number limit 1", UUID.class);
        step("visit", () -> hallVisit = context.getBean(org.tongban.evaluation.Visits.class).start(
                staff(StaffRole.WINDOW_OFFICER, AccessRules.Place.MARKET), hallWindow, "139%08d".formatted(n + 500),
                itemCode, null).id());

        step("certificate", () -> certificate = context.getBean(Certificates.class).issue(new IssueRequest(
                "11100000MB0T00040Y001", hr, Holder.account(accountA), Map.of("SBKH", "210106D9" + "%03d".formatted(n),
                        "CBD", "辽宁省沈阳市"), null, "CASE", "DRILL-" + n, null)).id());
        step("certificate authorization", () -> certificateAuthorization = context.getBean(CertificateUse.class)
                .authorize(a, certificate, Grantee.body(market, "浑南区市场监督管理局"), "演练：办理食品经营许可",
                        org.tongban.ChinaTime.today().plusDays(10)).id());

        company = UUID.randomUUID();
        jdbc.update("insert into identity_company (id, credit_code, name, legal_rep_account_id) values (?, ?, ?, ?)",
                company, UnifiedSocialCreditCode.withCheckCharacter("91210112MA0DR%04d".formatted(n)).value(),
                "演练公司" + n, accountA);
        agentGrant = UUID.randomUUID();
        jdbc.update("insert into identity_agent_authorization (id, company_id, agent_account_id, scope, expires, "
                + "granted_by) values (?, ?, ?, '', ?, ?)", agentGrant, company, agent, org.tongban.ChinaTime.today().plusDays(30),
                accountA);

        staffAccount = staff(StaffRole.WINDOW_OFFICER, AccessRules.Place.MARKET).accountId();
        clientId = jdbc.query("select client_id from identity_client_system limit 1", (rs, i) -> rs.getString(1))
                .stream().findFirst().orElse("drill-client");
        resourceCode = jdbc.queryForObject("select code from exchange_resource order by code limit 1", String.class);
        sharingRequest = jdbc.query("select id from exchange_sharing_request limit 1",
                (rs, i) -> rs.getObject(1, UUID.class)).stream().findFirst().orElse(UUID.randomUUID());
        importJob = UUID.randomUUID();
        jdbc.update("insert into catalog_import_job (id, file_name, started_by, division, status) values "
                + "(?, 'drill.xlsx', ?, '210112', 'DONE')", importJob, staff(StaffRole.CATALOG_ADMIN,
                        AccessRules.Place.MARKET).accountId());
        synonym = UUID.randomUUID();
        jdbc.update("insert into catalog_synonym_group (id, terms) values (?, ?)", synonym, "演练甲" + n + ",演练乙" + n);
        attachment = UUID.randomUUID();
        attachmentName = "drill.pdf";
        byte[] pdf = pdf();
        jdbc.update("insert into catalog_attachment (id, sha256, content_type, file_name, size, content, uploaded_by) "
                + "values (?, ?, 'application/pdf', ?, ?, ?, ?)", attachment,
                "%064x".formatted(new java.math.BigInteger(1, UUID.randomUUID().toString().getBytes())).substring(0, 64),
                attachmentName, pdf.length, pdf, accountA);
    }

    /** A resource the drill could not create stays a random id (and the drill's checks on it fail visibly). */
    private static void step(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            System.out.println("DRILL FIXTURE " + what + " not created: " + e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private UUID body(String division, String category) {
        return jdbc.queryForObject("select id from org_body where division_code = ? and category = ?", UUID.class,
                division, category);
    }

    /** A real-name (L2) person, a copy of the demo resident with hashes of their own. */
    private UUID person(String name) {
        UUID id = UUID.randomUUID();
        account(id, name, "PERSON");
        return id;
    }

    private void account(UUID id, String name, String kind) {
        // A phone of its own (SMS limits count per phone) and masks of nobody real: other tests find the demo
        // resident by his masked phone and ID number, and send codes to his phone.
        String phone = "199%08d".formatted(SEQUENCE.incrementAndGet());
        jdbc.update("""
                insert into identity_account (id, kind, name, id_type, id_number_cipher, id_number_hash, id_number_masked,
                    phone_cipher, phone_hash, phone_masked, password_hash, assurance_level)
                select ?, ?, ?, id_type, id_number_cipher, ?, '9999**********999X', ?, ?, '199****9999',
                    password_hash, 3
                from identity_account where kind = 'PERSON' order by created_at limit 1
                on conflict do nothing""", id, kind, name, "drill-id-" + id, cipher.encrypt(phone),
                cipher.lookupHash("phone:" + phone));
    }

    private UUID submitted(UUID applicant) {
        Map<String, Object> item = jdbc.queryForMap("select version, name, body_id, body_name from "
                + "catalog_implementation_item where code = ? and status = 'PUBLISHED'", itemCode);
        UUID id = UUID.randomUUID();
        String number = itemCode + "20260302" + "%06d".formatted(600_000 + SEQUENCE.incrementAndGet() * 89
                + (int) (Math.abs(id.getLeastSignificantBits()) % 80_000));
        jdbc.update("""
                insert into cases_application (id, applicant_account, applicant_name, item_code, item_version,
                    item_name, body_id, body_name, status, form_values, case_number, channel, created_at, updated_at,
                    received_at, received_on, decision_due)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'SUBMITTED', '{}', ?, 'WEB', now(), now(), now(), ?, ?)""",
                id, applicant, "演练甲", itemCode, item.get("version"), item.get("name"), item.get("body_id"),
                item.get("body_name"), number, java.sql.Date.valueOf("2026-03-02"), java.sql.Date.valueOf("2026-03-09"));
        return id;
    }

    private long version(UUID application) {
        return jdbc.queryForObject("select version from cases_application where id = ?", Long.class, application);
    }

    private static TaskView only(List<TaskView> tasks, UUID application) {
        return tasks.stream().filter(t -> t.applicationId().equals(application)).findFirst().orElseThrow(
                () -> new IllegalStateException("no task of " + application + " in " + tasks));
    }

    private static Clock at(String localDateTime) {
        return Clock.fixed(ZonedDateTime.of(LocalDateTime.parse(localDateTime), Applications.ZONE).toInstant(),
                Applications.ZONE);
    }

    static byte[] pdf() {
        return ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
                + "trailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------------------------------------ requests

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

    /** The value of a path variable for this endpoint, from the drill's resources. */
    String pathValue(String pattern, String variable) {
        return switch (variable) {
            case "material" -> pattern.startsWith("/workbench/walk-ins") ? walkInMaterial.toString()
                    : pattern.startsWith("/workbench/tasks") || pattern.startsWith("/workbench/cases")
                    ? reviewMaterial.toString() : draftMaterial.toString();
            case "index" -> "0";
            case "entry" -> libraryEntry.toString();
            case "authorization" -> pattern.contains("companies") ? agentGrant.toString()
                    : certificateAuthorization.toString();
            case "applicationId" -> reviewApp.toString();
            case "version" -> String.valueOf(itemVersion);
            case "year" -> "2026";
            case "creditCode" -> jdbc.queryForObject("select credit_code from org_body where id = ?", String.class,
                    market);
            case "list" -> "materials";
            case "field" -> "divisionCode";
            case "name" -> attachmentName;
            case "action" -> pattern.contains("/shared/") ? "fetch" : "suspend";
            case "kind" -> "acceptance";
            case "windowId" -> hallWindow.toString();
            case "token" -> "drill-unknown-token";
            case "clientId" -> clientId;
            case "code" -> code(pattern);
            case "id" -> id(pattern);
            default -> throw new IllegalStateException("no drill value for {" + variable + "} in " + pattern);
        };
    }

    private String code(String pattern) {
        if (pattern.contains("/divisions")) {
            return "210112";
        }
        if (pattern.contains("/basic")) {
            return FOOD;
        }
        if (pattern.contains("exchange")) {
            return resourceCode;
        }
        return pattern.startsWith("/apply/") ? soleTraderCode : itemCode;
    }

    private String id(String pattern) {
        UUID id;
        if (pattern.startsWith("/workbench/visits/") || pattern.startsWith("/api/v1/evaluation/visits/")
                || pattern.startsWith("/account/visits/") || pattern.startsWith("/api/v1/evaluation/my-visits/")) {
            id = hallVisit;
        } else if (pattern.startsWith("/workbench/walk-ins/") || pattern.startsWith("/api/v1/cases/walk-ins/")) {
            id = walkInApp;
        } else if (pattern.contains("/documents")) {
            // The completed case has its acceptance notice.
            id = completedApp;
        } else if (pattern.contains("/findings/{id}")) {
            id = finding;
        } else if (pattern.contains("petitions/{id}")) {
            id = petition;
        } else if (pattern.contains("/ratings/{id}")) {
            id = rating;
        } else if (pattern.contains("appeals/{id}") || pattern.contains("exposure/{id}")) {
            // No appeal or published complaint among the fixtures: these are exercised for refusals only.
            id = UUID.randomUUID();
        } else if (pattern.startsWith("/account/cases/{id}") || pattern.startsWith("/api/v1/cases/applications/{id}")) {
            id = pattern.matches(".*/(rating|complaints|progress|ratings)$") ? completedApp : draftApp;
        } else if (pattern.startsWith("/workbench/cases/") || pattern.endsWith("/extension")) {
            id = pattern.endsWith("/extension") || pattern.endsWith("/materials/{material}") ? reviewApp
                    : submittedApp;
        } else if (pattern.contains("/supervision/tasks/")) {
            // A task of the reform task progress table (seeded with the Liaoning 2017 plan).
            id = jdbc.queryForObject("select id from supervision_reform_task order by plan_year, seq limit 1",
                    UUID.class);
        } else if (pattern.contains("/tasks/")) {
            id = reviewTask;
        } else if (pattern.contains("/cases/{id}")) {
            id = completedApp;
        } else if (pattern.contains("certificates")) {
            id = certificate;
        } else if (pattern.contains("companies")) {
            id = company;
        } else if (pattern.contains("rectifications")) {
            id = rectification;
        } else if (pattern.contains("complaints")) {
            id = complaint;
        } else if (pattern.contains("warnings")) {
            id = warning;
        } else if (pattern.contains("staff")) {
            id = staffAccount;
        } else if (pattern.contains("exchange/requests")) {
            id = sharingRequest;
        } else if (pattern.contains("imports")) {
            id = importJob;
        } else if (pattern.contains("synonyms")) {
            id = synonym;
        } else if (pattern.contains("/admin/catalog/items/{id}")) {
            id = itemId;
        } else if (pattern.contains("attachments")) {
            id = attachment;
        } else if (pattern.contains("bodies")) {
            id = market;
        } else {
            throw new IllegalStateException("no drill value for {id} in " + pattern);
        }
        return id.toString();
    }

    /** A well-formed request, which the fuzzing drill varies one input at a time. */
    static final class Call {
        final Endpoint endpoint;
        final Map<String, String> path = new LinkedHashMap<>();
        final Map<String, String> params = new LinkedHashMap<>();
        final Map<String, String> headers = new LinkedHashMap<>();
        byte[] body;
        String contentType;
        MockMultipartFile file;
        /** Raw query string appended as is (for bytes a parameter map cannot hold). */
        String rawQuery;

        Call(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        Call copy() {
            Call copy = new Call(endpoint);
            copy.path.putAll(path);
            copy.params.putAll(params);
            copy.headers.putAll(headers);
            copy.body = body;
            copy.contentType = contentType;
            copy.file = file;
            copy.rawQuery = rawQuery;
            return copy;
        }

        String uri() {
            Matcher m = VARIABLE.matcher(endpoint.pattern());
            StringBuilder uri = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(uri, Matcher.quoteReplacement(path.get(m.group(1))));
            }
            m.appendTail(uri);
            return uri + (rawQuery == null ? "" : "?" + rawQuery);
        }
    }

    Call call(Endpoint endpoint) {
        Call call = new Call(endpoint);
        Matcher m = VARIABLE.matcher(endpoint.pattern());
        while (m.find()) {
            call.path.put(m.group(1), UriUtils.encodePathSegment(pathValue(endpoint.pattern(), m.group(1)),
                    StandardCharsets.UTF_8));
        }
        for (MethodParameter parameter : endpoint.handler().getMethodParameters()) {
            parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            RequestBody body = parameter.getParameterAnnotation(RequestBody.class);
            RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
            Class<?> type = parameter.getParameterType();
            if (param != null && MultipartFile.class.isAssignableFrom(type)) {
                call.file = new MockMultipartFile(paramName(param, parameter), "材料.pdf", "application/pdf", pdf());
            } else if (param != null && (param.required() && ValueConstants.DEFAULT_NONE.equals(param.defaultValue())
                    || OPTIONAL_FILLED.contains(endpoint.pattern().substring(0, endpoint.pattern().indexOf('/', 1) + 1)
                            + paramName(param, parameter)))
                    && !Map.class.isAssignableFrom(type) && !Collection.class.isAssignableFrom(type)) {
                String name = paramName(param, parameter);
                call.params.put(name, sample(name, type));
            } else if (body != null) {
                call.contentType = endpoint.handler().getMethod().getName().equals("verifyDocument")
                        ? MediaType.APPLICATION_OCTET_STREAM_VALUE : MediaType.APPLICATION_JSON_VALUE;
                call.body = JSON.writeValueAsBytes(sampleJson(null, parameter.getGenericParameterType(), 0));
            } else if (header != null) {
                call.headers.put(header.name().isEmpty() ? header.value() : header.name(), "drill-" + UUID.randomUUID());
            }
        }
        return call;
    }

    /** Optional parameters that name the drill's resource (A's company, the certificate type to issue). */
    private static final Set<String> OPTIONAL_FILLED = Set.of("/account/company", "/workbench/type");

    static String paramName(RequestParam param, MethodParameter parameter) {
        String name = param.name().isEmpty() ? param.value() : param.name();
        return name.isEmpty() ? parameter.getParameterName() : name;
    }

    /** Request parameters the drill fills by name (the handlers take them as strings). */
    private String sample(String name, Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "1";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "false";
        }
        if (type == UUID.class) {
            return switch (name) {
                case "company" -> company.toString();
                case "application" -> completedApp.toString();
                case "challengeId" -> UUID.randomUUID().toString();
                default -> market.toString();
            };
        }
        if (type.isEnum()) {
            return ((Enum<?>) type.getEnumConstants()[0]).name();
        }
        if (type == LocalDate.class) {
            return org.tongban.ChinaTime.today().plusDays(1).toString();
        }
        return switch (name) {
            case "division" -> "210112";
            case "from" -> "2026-03-02";
            case "month" -> "2026-04";
            case "to" -> "2026-03-16";
            case "format" -> "xlsx";
            case "code" -> itemCode;
            case "basicCode" -> FOOD;
            case "phone" -> "13800000010";
            case "kind" -> "CITIZEN_ID";
            case "decision" -> "APPROVE";
            case "until" -> org.tongban.ChinaTime.today().plusDays(5).toString();
            case "definition" -> "{}";
            case "type" -> "11100000MB0T00040Y001";
            default -> "演练";
        };
    }

    /** A JSON value shaped like the handler's body type, with plausible values. */
    private Object sampleJson(String name, Type type, int depth) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType()
                : type instanceof Class<?> c ? c : Object.class;
        if (depth > 4) {
            return null;
        }
        if (raw == String.class) {
            return switch (name == null ? "" : name) {
                case "expires", "until", "validUntil" -> org.tongban.ChinaTime.today().plusDays(20).toString();
                case "agent", "phone" -> "13800000010";
                case "company" -> company.toString();
                case "division", "divisionCode" -> "210112";
                default -> "演练";
            };
        }
        if (raw == UUID.class && "company".equals(name)) {
            return company.toString();
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return 1;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return false;
        }
        if (raw == UUID.class) {
            return market.toString();
        }
        if (raw == LocalDate.class) {
            return org.tongban.ChinaTime.today().plusDays(5).toString();
        }
        if (raw.isEnum()) {
            return ((Enum<?>) raw.getEnumConstants()[0]).name();
        }
        if (Collection.class.isAssignableFrom(raw) && type instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] instanceof Class<?> element && flat(element)) {
            Object one = sampleJson(null, element, depth + 1);
            return one == null ? List.of() : List.of(one);
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray() && raw != byte[].class) {
            return List.of();
        }
        if (raw.isRecord()) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                object.put(component.getName(), sampleJson(component.getName(), component.getGenericType(), depth + 1));
            }
            return object;
        }
        return Map.of();
    }

    /** A list element the drill can make plausibly: a text, or a record of plain values (not a process graph). */
    private static boolean flat(Class<?> element) {
        if (element == String.class) {
            return true;
        }
        return element.isRecord() && java.util.Arrays.stream(element.getRecordComponents()).map(RecordComponent::getType)
                .allMatch(t -> t == String.class || t.isPrimitive() || t == UUID.class || t == LocalDate.class
                        || t == Integer.class || t == Long.class || t == Boolean.class);
    }

    private static final String DRILL_ADDRESS = "198.51.100.7";

    /** Sends the call as {@code who} (a signed-in session principal, or nobody). */
    MvcResult perform(Call call, SignedIn who) throws Exception {
        Endpoint endpoint = call.endpoint;
        HttpMethod method = HttpMethod.valueOf(endpoint.method());
        URI uri = URI.create(call.uri());
        AbstractMockHttpServletRequestBuilder<?> request = call.file != null
                ? MockMvcRequestBuilders.multipart(method, uri).file(call.file)
                : MockMvcRequestBuilders.request(method, uri);
        call.params.forEach(request::param);
        call.headers.forEach(request::header);
        if (call.body != null) {
            request.content(call.body);
        }
        if (call.contentType != null) {
            request.contentType(call.contentType);
        }
        request.accept(endpoint.api() ? "application/json, application/problem+json, */*" : "text/html, */*");
        // From an address of its own: the drill's thousands of calls must not use up the per-address limits (SMS
        // codes, sign-in) that other tests, all calling from 127.0.0.1, rely on.
        request.with(r -> {
            r.setRemoteAddr(DRILL_ADDRESS);
            return r;
        });
        if (who != null) {
            request.with(authentication(new UsernamePasswordAuthenticationToken(who, null, who.authorities())));
        }
        if (endpoint.write()) {
            request.with(csrf());
        }
        return mvc.perform(request).andReturn();
    }

    /** The caller was turned away for who they are: not signed in or forbidden (what an allowed caller must never get). */
    static boolean turnedAway(MvcResult result) {
        int status = result.getResponse().getStatus();
        String location = result.getResponse().getRedirectedUrl();
        return status == 401 || status == 403 || status / 100 == 3 && location != null && location.endsWith("/signin");
    }

    /**
     * The call was refused: not signed in, forbidden, the resource does not exist for this caller, or (pages) sent back
     * with an error message.
     */
    static boolean refused(MvcResult result) {
        int status = result.getResponse().getStatus();
        String location = result.getResponse().getRedirectedUrl();
        boolean flashedError = result.getFlashMap() != null && result.getFlashMap().keySet().stream()
                .anyMatch(k -> k.toLowerCase().endsWith("error"));
        return status == 401 || status == 403 || status == 404
                || status / 100 == 3 && location != null && (location.endsWith("/signin") || flashedError);
    }
}
