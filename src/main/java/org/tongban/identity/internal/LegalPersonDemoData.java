package org.tongban.identity.internal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tongban.platform.demo.DemoData;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * Demo legal-person base data (demo mode only, documented in the README): a few made-up companies, labelled
 * （演示）, with valid GB 32100 credit codes, whose legal representatives are people of the demo population data —
 * 张三（演示） 13800000010 represents the first; 李华 (13800000011, no account yet) the second, so that a new user can
 * register as them, pass L2 and claim it.
 */
@Component
@Order(21)
class LegalPersonDemoData implements ApplicationRunner {

    static final String DATA_SET = "identity.demo-companies";

    private final DemoData demoData;
    private final JdbcTemplate jdbc;
    private final PersonalDataCipher cipher;

    LegalPersonDemoData(DemoData demoData, JdbcTemplate jdbc, PersonalDataCipher cipher) {
        this.demoData = demoData;
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @Override
    public void run(ApplicationArguments args) {
        demoData.loadOnce(DATA_SET, this::load);
    }

    /** Credit code bodies: registration authority 9 (市场监管), category 1 (企业), region, organization code. */
    String load() {
        String[][] companies = {
                { "91", "210112", "MA0TB001", "沈阳浑南通办科技有限公司（演示）", "张三", "21011219950606906" },
                { "91", "210102", "MA0TB002", "辽宁示例商贸有限公司（演示）", "李华", "21011219700808907" },
                { "92", "210102", "MA0TB003", "沈阳和平区示例餐饮店（演示）", "王芳", "21010219821212908" } };
        for (String[] company : companies) {
            String code = creditCode(company[0], company[1], company[2]);
            String representative = CitizenIdNumber.withCheckCharacter(company[5]).value();
            jdbc.update("insert into identity_enterprise_register (credit_code, name, legal_rep_name, "
                    + "legal_rep_id_number_hash) values (?, ?, ?, ?) on conflict do nothing", code, company[3],
                    company[4], cipher.lookupHash("RESIDENT_ID:" + representative));
        }
        return companies.length + " demo companies in the legal-person register";
    }

    static String creditCode(String authorityAndCategory, String region, String organizationBody) {
        return UnifiedSocialCreditCode.withCheckCharacter(authorityAndCategory + region
                + UnifiedSocialCreditCode.organizationCodeWithCheck(organizationBody)).value();
    }
}
