package org.tongban.certificates.internal;

import java.time.LocalDate;
import java.util.Map;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tongban.certificates.Certificates;
import org.tongban.certificates.Holder;
import org.tongban.certificates.IssueRequest;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.platform.demo.DemoData;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.DivisionCode;

/**
 * Demo certificates (once per database, after the demo accounts and companies): a social security certificate and
 * a household registration certificate for the demo resident 张三, and a business licence and a food business
 * licence for his demo company 沈阳浑南通办科技有限公司, all issued by bodies of 浑南区 and really signed.
 */
@Component
@Order(40)
class CertificatesDemoData implements ApplicationRunner {

    static final String DATA_SET = "certificates.demo-certificates";
    /** The demo resident 张三's ID number (IdentityDemoData), completed with its check character. */
    static final String ZHANG_SAN_ID = CitizenIdNumber.withCheckCharacter("21011219950606906").value();
    static final String COMPANY_CODE = "91210112MA0TB00116";
    static final String COMPANY_NAME = "沈阳浑南通办科技有限公司（演示）";

    private final DemoData demoData;
    private final Certificates certificates;
    private final Organization organization;

    CertificatesDemoData(DemoData demoData, Certificates certificates, Organization organization) {
        this.demoData = demoData;
        this.certificates = certificates;
        this.organization = organization;
    }

    @Override
    public void run(ApplicationArguments args) {
        demoData.loadOnce(DATA_SET, this::load);
    }

    private String load() {
        LocalDate today = LocalDate.now(Certificates.ZONE);
        Holder zhangSan = Holder.person("张三（演示）", ZHANG_SAN_ID);
        Holder company = Holder.company(COMPANY_NAME, COMPANY_CODE);
        issue("11100000MB0T00040Y001", BodyCategory.HUMAN_RESOURCES_SOCIAL_SECURITY, zhangSan,
                Map.of("SBKH", "210112D15600000X", "CBD", "辽宁省沈阳市浑南区"), today.minusYears(2));
        issue("11100000MB0T00030X001", BodyCategory.PUBLIC_SECURITY, zhangSan,
                Map.of("HJDZ", "辽宁省沈阳市浑南区创新路（演示）", "HZGX", "户主"), null);
        issue("11100000MB0T00010U001", BodyCategory.MARKET_REGULATION, company,
                Map.of("QYLX", "有限责任公司（自然人投资或控股）", "FDDBR", "张三（演示）", "ZCZB", "100万元人民币",
                        "CLRQ", "2024-03-18", "ZS", "辽宁省沈阳市浑南区智慧四街（演示）",
                        "JYFW", "软件开发；信息技术咨询服务；政务服务系统集成（演示）"),
                LocalDate.of(2024, 3, 18));
        issue("11100000MB0T00010U002", BodyCategory.MARKET_REGULATION, company,
                Map.of("FDDBR", "张三（演示）", "JYCS", "辽宁省沈阳市浑南区智慧四街（演示）", "ZTYT", "单位食堂",
                        "JYXM", "热食类食品制售"), today.minusMonths(3));
        return "4 demo certificates (张三 and " + COMPANY_NAME + ")";
    }

    private void issue(String type, BodyCategory category, Holder holder, Map<String, String> data, LocalDate from) {
        BodySummary body = organization.bodies(DivisionCode.of("210112"), false, 0, 50).getContent().stream()
                .filter(b -> b.category() == category).findFirst().orElseThrow();
        certificates.issue(new IssueRequest(type, body.id(), holder, data, from, "DEMO", null, null));
    }
}
