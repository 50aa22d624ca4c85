package org.tongban.exchange.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.tongban.exchange.ExchangeProperties;
import org.tongban.identity.PersonalData;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.platform.demo.DemoData;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * Demo base data and resource catalogue (demo mode only, loaded once): a generated population and legal-person
 * register of Liaoning (sizes {@code tongban.exchange.demo-people} / {@code demo-companies}), plus the named demo
 * people and companies that identity's demo data knows (张三, 李华, 王芳 and their companies), so that the accounts,
 * the real-name check and the exchange line up; the catalogue of the base resources; and one approved grant for the
 * demo department system's body.
 */
@Component
@Order(30)
class ExchangeDemoData implements ApplicationRunner {

    static final String DATA_SET = "exchange.demo-base-data";
    /** The certificate-library resources and the grants that let applications fetch materials (免提交). */
    static final String MATERIALS_DATA_SET = "exchange.once-only-materials";
    /** The purpose the demo grant is approved for. */
    static final String DEMO_PURPOSE = "企业开办登记审核";

    private final DemoData demoData;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final PersonalData protection;
    private final Organization organization;
    private final ExchangeProperties properties;

    ExchangeDemoData(DemoData demoData, JdbcTemplate jdbc, DataSource dataSource, PersonalData protection,
            Organization organization, ExchangeProperties properties) {
        this.demoData = demoData;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.protection = protection;
        this.organization = organization;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        demoData.loadOnce(DATA_SET, this::load);
        demoData.loadOnce(MATERIALS_DATA_SET, this::onceOnlyMaterials);
    }

    /**
     * The certificate library's resources (电子证照库, class 104) that guides map their 政府部门核发 materials to, and
     * the grant that lets 浑南区市场监督管理局 fetch an applicant's identity data as the ID-card material of an
     * application (DOMAIN §1: materials the government holds are never requested again).
     */
    String onceOnlyMaterials() {
        LocalDate today = LocalDate.now(SharingRequests.CHINA);
        List<BodySummary> province = organization.bodies(organization.province(), false, 0, 200).getContent();
        BodySummary police = body(province, BodyCategory.PUBLIC_SECURITY);
        BodySummary market = body(province, BodyCategory.MARKET_REGULATION);
        BodySummary social = body(province, BodyCategory.HUMAN_RESOURCES_SOCIAL_SECURITY);
        List<String> items = Source.CERTIFICATES.items().stream().map(Source.Item::name).toList();
        String publicity = "《企业信息公示暂行条例》第六条：营业执照和行政许可信息向社会公示";
        String personal = "《中华人民共和国个人信息保护法》第三十四条；《国务院关于在线政务服务的若干规定》（国务院令第716号）第十条";
        certificateResource("104001-00001", "营业执照（电子证照）", market, "11100000MB0T00010U001",
                "市场主体的电子营业执照：名称、统一社会信用代码、类型、法定代表人、注册资本、住所、经营范围。", "UNCONDITIONAL", null,
                publicity, today, items);
        certificateResource("104001-00002", "食品经营许可证（电子证照）", market, "11100000MB0T00010U002",
                "食品经营许可证：经营者名称、经营场所、主体业态、经营项目、有效期。", "UNCONDITIONAL", null, publicity, today,
                items);
        certificateResource("104002-00001", "户口登记证明（电子证照）", police, "11100000MB0T00030X001",
                "户口登记证明：户籍地址、与户主关系。", "CONDITIONAL", "本人申请办理政务服务事项时，经本人同意使用；注明办件编号。",
                personal, today, items);
        certificateResource("104003-00001", "社会保障卡电子凭证", social, "11100000MB0T00040Y001",
                "社会保障卡电子凭证：社会保障卡号、参保地。", "CONDITIONAL", "本人申请办理政务服务事项时，经本人同意使用；注明办件编号。",
                personal, today, items);
        UUID population = jdbc.queryForObject("select id from exchange_resource where code = '101001-00001'",
                UUID.class);
        BodySummary hunnan = organization.bodies(DivisionCode.of("210112"), false, 0, 50).getContent().stream()
                .filter(b -> b.category() == BodyCategory.MARKET_REGULATION).findFirst().orElseThrow();
        grant(population, hunnan, "name,idNumber,sex,birthDate,ethnicity,address",
                org.tongban.exchange.SharedData.APPLICATION_MATERIALS,
                "《国务院关于在线政务服务的若干规定》第十一条：可以通过共享获取的材料，不得要求申请人重复提交", today);
        return "4 certificate-library resources and the ID-card grant of 浑南区市场监督管理局";
    }

    private void certificateResource(String code, String name, BodySummary provider, String typeCode, String summary,
            String type, String condition, String basis, LocalDate today, List<String> items) {
        UUID id = resource(code, code.substring(0, 6), name, Source.CERTIFICATES, provider, summary, type, condition,
                basis, "NOT_OPEN", "REALTIME", today, items);
        jdbc.update("update exchange_resource set related_codes = ? where id = ?", typeCode, id);
    }

    String load() {
        LocalDate today = LocalDate.now(SharingRequests.CHINA);
        BaseDataGenerator generator = new BaseDataGenerator(properties.seed(),
                BaseDataGenerator.counties(organization));
        BaseDataLoader.Loaded loaded;
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            loaded = new BaseDataLoader(generator, protection, today).load(connection, properties.demoPeople(),
                    properties.demoCompanies());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        // The demo people of identity's demo data (same ID numbers), and their companies (same credit codes).
        String[][] people = {
                { "21011219950606906", "张三", "M", "汉族", "210112", "辽宁省沈阳市浑南区创新路168号2单元501室", "MARRIED" },
                { "21011219700808907", "李华", "M", "满族", "210112", "辽宁省沈阳市浑南区浑南中路12号1单元302室", "MARRIED" },
                { "21010219821212908", "王芳", "F", "汉族", "210102", "辽宁省沈阳市和平区南京南街88号3单元1201室", "SINGLE" },
                { "11010519491231002", "陈一", "F", "汉族", "110105", "北京市朝阳区东三环北路5号", "WIDOWED" } };
        for (String[] p : people) {
            CitizenIdNumber id = CitizenIdNumber.withCheckCharacter(p[0]);
            jdbc.update("insert into exchange_person (id_number_hash, id_number_cipher, id_number_masked, name, sex, "
                    + "birth_date, ethnicity, household_division, address, marital_status, updated_on) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", protection.residentIdHash(id),
                    protection.encrypt(id.value()), id.masked(), p[1], p[2], id.birthDate(), p[3], p[4], p[5], p[6],
                    today);
        }
        String[][] companies = {
                { "91", "210112", "MA0TB001", "沈阳浑南通办科技有限公司（演示）", "LIMITED", "21011219950606906", "张三", "500",
                        "2019-03-18", "辽宁省沈阳市浑南区智慧二街8号" },
                { "91", "210102", "MA0TB002", "辽宁示例商贸有限公司（演示）", "LIMITED", "21011219700808907", "李华", "1000",
                        "2008-07-01", "辽宁省沈阳市和平区中华路66号" },
                { "92", "210102", "MA0TB003", "沈阳和平区示例餐饮店（演示）", "INDIVIDUAL", "21010219821212908", "王芳", "10",
                        "2016-05-20", "辽宁省沈阳市和平区太原北街3号" } };
        for (String[] c : companies) {
            String code = UnifiedSocialCreditCode.withCheckCharacter(c[0] + c[1]
                    + UnifiedSocialCreditCode.organizationCodeWithCheck(c[2])).value();
            jdbc.update("insert into exchange_legal_person (credit_code, name, kind, legal_rep_name, legal_rep_id_hash, "
                    + "registered_capital, established_on, division, address, status, updated_on) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?)", code, c[3], c[4], c[6],
                    protection.residentIdHash(CitizenIdNumber.withCheckCharacter(c[5])), new java.math.BigDecimal(c[7]),
                    LocalDate.parse(c[8]), c[1], c[9], today);
            if (c[2].equals("MA0TB002")) {
                jdbc.update("insert into exchange_penalty (subject_type, subject_key, decision_number, authority, "
                        + "violation, penalty, decided_on) values ('COMPANY', ?, '沈和市监罚〔2025〕118号', "
                        + "'沈阳市和平区市场监督管理局', '未按规定公示年度报告（演示）', '警告', ?)", code, today.minusMonths(14));
            }
        }
        int resources = catalogue(today);
        return loaded.people() + people.length + " residents, " + (loaded.companies() + companies.length)
                + " companies, " + loaded.dishonest() + " dishonest-list entries, " + (loaded.penalties() + 1)
                + " penalties, " + resources + " catalogued resources";
    }

    private int catalogue(LocalDate today) {
        List<BodySummary> province = organization.bodies(organization.province(), false, 0, 200).getContent();
        BodySummary police = body(province, BodyCategory.PUBLIC_SECURITY);
        BodySummary market = body(province, BodyCategory.MARKET_REGULATION);
        BodySummary service = body(province, BodyCategory.GOVERNMENT_SERVICE);
        String basisId = "《中华人民共和国居民身份证法》；《中华人民共和国个人信息保护法》第十三条、第三十四条；《政务数据共享条例》（国务院令第809号）";
        UUID population = resource("101001-00001", "101001", "人口基本信息", Source.POPULATION, police,
                "全省户籍人口的姓名、公民身份号码、性别、出生日期、民族、户籍地及住址、婚姻状况。", "CONDITIONAL",
                "用于办理政务服务事项时核验申请人身份；按最小必要原则申请数据项，注明用途和办件编号。", basisId, "NOT_OPEN",
                "DAILY", today, Source.POPULATION.items().stream().map(Source.Item::name).toList());
        resource("101002-00001", "101002", "人口户籍迁移明细", Source.POPULATION, police,
                "户籍迁入、迁出的地址明细。", "NONE", null,
                "《中华人民共和国个人信息保护法》第三十四条：国家机关处理个人信息不得超出履行法定职责所必需的范围；户籍迁移明细由公安机关依职权使用。",
                "NOT_OPEN", "DAILY", today, List.of("householdDivision", "address"));
        resource("102001-00001", "102001", "法人基本信息", Source.LEGAL_PERSON, market,
                "全省市场主体的统一社会信用代码、名称、类型、法定代表人、注册资本、成立日期、住所和登记状态。", "UNCONDITIONAL", null,
                "《企业信息公示暂行条例》", "CONDITIONAL_OPEN", "REALTIME", today,
                Source.LEGAL_PERSON.items().stream().map(Source.Item::name).toList());
        resource("103001-00001", "103001", "严重失信主体名单", Source.DISHONEST, service,
                "被列入严重失信主体名单的自然人和法人，含列入机关、事由和日期。", "UNCONDITIONAL", null,
                "《关于推进社会信用体系建设高质量发展促进形成新发展格局的意见》", "OPEN", "DAILY", today,
                Source.DISHONEST.items().stream().map(Source.Item::name).toList());
        resource("103002-00001", "103002", "行政处罚信息", Source.PENALTY, service,
                "行政处罚决定书文号、处罚机关、违法行为、处罚内容和决定日期。", "UNCONDITIONAL", null,
                "《中华人民共和国行政处罚法》第四十八条", "OPEN", "DAILY", today,
                Source.PENALTY.items().stream().map(Source.Item::name).toList());
        // The demo department system (demo-dept) belongs to 浑南区市场监督管理局: it may read names, sex and birth
        // dates for company registration.
        BodySummary hunnan = organization.bodies(DivisionCode.of("210112"), false, 0, 50).getContent().stream()
                .filter(b -> b.category() == BodyCategory.MARKET_REGULATION).findFirst().orElseThrow();
        grant(population, hunnan, "name,sex,birthDate", DEMO_PURPOSE, "《中华人民共和国市场主体登记管理条例》第十六条",
                today);
        // Its window officers check applicants against the population data at acceptance instead of asking for a
        // copy of the ID card (免提交).
        grant(population, hunnan, "name,sex,birthDate,householdDivision,address",
                org.tongban.exchange.SharedData.ACCEPTANCE_REVIEW,
                "《国务院关于加快推进全国一体化在线政务服务平台建设的指导意见》：能够通过共享获取的材料不再要求申请人提交", today);
        // It prefills its application forms with the applicant's own household address (免填写).
        grant(population, hunnan, "householdDivision,address", org.tongban.exchange.SharedData.APPLICATION_PREFILL,
                "《国务院关于加快推进全国一体化在线政务服务平台建设的指导意见》：让信息多跑路，群众少跑腿", today);
        return 5;
    }

    /** An approved demo grant of the population resource to a body, valid for a year. */
    private void grant(UUID resource, BodySummary consumer, String items, String purpose, String basis,
            LocalDate today) {
        jdbc.update("insert into exchange_sharing_request (id, resource_id, consumer_body_id, consumer_body_name, items, "
                + "purpose, legal_basis, valid_until, status, requested_by, requested_by_name, requested_at, answer_due, "
                + "decided_by_name, decided_at, reason) values (?, ?, ?, ?, ?, ?, ?, ?, 'APPROVED', ?, "
                + "'浑南区审批人员（演示）', now(), ?, '省公安厅数据管理员（演示）', now(), null)", UUID.randomUUID(), resource, consumer.id(),
                consumer.name(), items, purpose, basis, today.plusYears(1), new UUID(0, 0), today.plusDays(14));
    }

    private UUID resource(String code, String classCode, String name, Source source, BodySummary provider,
            String summary, String type, String condition, String basis, String openness, String cycle,
            LocalDate published, List<String> items) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into exchange_resource (id, code, class_code, name, source, provider_body_id, "
                + "provider_body_name, provider_code, summary, format, sharing_type, sharing_condition, legal_basis, "
                + "sharing_method, openness, update_cycle, published_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'JSON', ?, ?, "
                + "?, 'API', ?, ?, ?)", id, code, classCode, name, source.name(), provider.id(), provider.name(),
                provider.creditCode(), summary, type, condition, basis, openness, cycle, published);
        for (int i = 0; i < items.size(); i++) {
            jdbc.update("insert into exchange_resource_item (resource_id, position, item) values (?, ?, ?)", id, i,
                    items.get(i));
        }
        return id;
    }

    private static BodySummary body(List<BodySummary> bodies, BodyCategory category) {
        return bodies.stream().filter(b -> b.category() == category).findFirst().orElseThrow(
                () -> new IllegalStateException("no provincial body of category " + category));
    }
}
