package org.tongban.identity.internal;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.tongban.identity.IdDocumentType;
import org.tongban.identity.StaffRole;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.platform.demo.DemoData;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.DivisionCode;

/**
 * Demo accounts (demo mode only, documented in the README): staff with each role and one resident. Their ID
 * numbers are well-formed but made up (sequence 9xx), their phones in the 1380000xxxx demo range.
 */
@Component
@Order(20)
class IdentityDemoData implements ApplicationRunner {

    static final String DATA_SET = "identity.demo-accounts";
    /** Demo password of every demo account. Demo data never loads against an external database unless asked. */
    static final String DEMO_PASSWORD = "Tongban#Demo2026";

    private final DemoData demoData;
    private final AccountFactory accounts;
    private final StaffAssignments staff;
    private final PasswordEncoder passwords;
    private final Organization organization;

    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final PersonalDataCipher cipher;

    IdentityDemoData(DemoData demoData, AccountFactory accounts, StaffAssignments staff, PasswordEncoder passwords,
            Organization organization, org.springframework.jdbc.core.JdbcTemplate jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.demoData = demoData;
        this.accounts = accounts;
        this.staff = staff;
        this.passwords = passwords;
        this.organization = organization;
    }

    private record Demo(String name, String idPrefix17, String phone, String division, BodyCategory body,
            Set<StaffRole> roles, String scope) {
    }

    @Override
    public void run(ApplicationArguments args) {
        demoData.loadOnce(DATA_SET, this::load);
    }

    String load() {
        String hash = passwords.encode(DEMO_PASSWORD);
        List<Demo> demos = List.of(
                new Demo("系统管理员（演示）", "21000019800101901", "13800000001", "210000", BodyCategory.GOVERNMENT_SERVICE,
                        EnumSet.of(StaffRole.SYSTEM_ADMIN), "DIVISION"),
                new Demo("目录管理员（演示）", "21000019850202902", "13800000002", "210000", BodyCategory.GOVERNMENT_SERVICE,
                        EnumSet.of(StaffRole.CATALOG_ADMIN), "DIVISION"),
                new Demo("浑南区窗口人员（演示）", "21011219900303903", "13800000003", "210112",
                        BodyCategory.MARKET_REGULATION, EnumSet.of(StaffRole.WINDOW_OFFICER), "BODY"),
                new Demo("浑南区审批人员（演示）", "21011219880404904", "13800000004", "210112",
                        BodyCategory.MARKET_REGULATION, EnumSet.of(StaffRole.REVIEWER, StaffRole.APPROVER), "BODY"),
                new Demo("省监察人员（演示）", "21000019790505905", "13800000005", "210000", BodyCategory.GOVERNMENT_SERVICE,
                        EnumSet.of(StaffRole.SUPERVISOR), "DIVISION"),
                // Reviewers of the other two branches of the demo 并联 process (开餐馆: fire safety, hygiene).
                new Demo("浑南区住建审查人员（演示）", "21011219870707907", "13800000006", "210112",
                        BodyCategory.HOUSING_URBAN_RURAL, EnumSet.of(StaffRole.REVIEWER), "BODY"),
                new Demo("浑南区卫健审查人员（演示）", "21011219860808908", "13800000007", "210112",
                        BodyCategory.HEALTH, EnumSet.of(StaffRole.REVIEWER), "BODY"),
                new Demo("张三（演示）", "21011219950606906", "13800000010", null, null, Set.of(), null));
        Clock clock = Clock.systemUTC();
        for (Demo demo : demos) {
            String id = CitizenIdNumber.withCheckCharacter(demo.idPrefix17()).value();
            Account account = accounts.create(demo.body() == null ? Account.Kind.PERSON : Account.Kind.STAFF,
                    demo.name(), IdDocumentType.RESIDENT_ID, id, demo.phone(), null, hash,
                    clock.instant());
            if (demo.body() != null) {
                BodySummary body = organization.bodies(DivisionCode.of(demo.division()), false, 0, 50).getContent()
                        .stream().filter(b -> b.category() == demo.body()).findFirst().orElseThrow();
                staff.assign(account.id(), body.id(), demo.division(), demo.roles(), demo.scope());
            }
        }
        // Population base data for real-name verification: the demo resident and a few people without accounts.
        String[][] population = { { "21011219950606906", "张三", "13800000010", "210112199506069060" },
                { "21011219700808907", "李华", "13800000011", null }, { "21010219821212908", "王芳", null, "S21010299" },
                { "11010519491231002", "陈一", "13912345678", null } };
        for (String[] person : population) {
            String id = CitizenIdNumber.withCheckCharacter(person[0]).value();
            jdbc.update("insert into identity_population (id_number_hash, name, phone_hash, social_security_card_hash) "
                    + "values (?, ?, ?, ?) on conflict do nothing", cipher.lookupHash("RESIDENT_ID:" + id), person[1],
                    person[2] == null ? null : cipher.lookupHash("phone:" + person[2]),
                    person[3] == null ? null : cipher.lookupHash("social-security-card:" + person[3]));
        }
        return demos.size() + " demo accounts, " + population.length + " demo population records";
    }
}
