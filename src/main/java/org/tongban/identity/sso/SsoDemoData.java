package org.tongban.identity.sso;

import java.util.Set;
import java.util.UUID;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.platform.demo.DemoData;
import org.tongban.shared.DivisionCode;

/**
 * Demo client systems (demo mode only, documented in the README): a department's own business system on
 * {@code http://localhost:8081} (first party, no consent) and a third-party service on {@code http://localhost:8082}
 * (asks for consent). Their secrets are fixed and published (each different: the repository refuses two clients with one secret) so a demo client can be configured with them — like the
 * demo passwords, they exist only in demo data.
 */
@Component
@Order(30)
class SsoDemoData implements ApplicationRunner {

    static final String DATA_SET = "identity.demo-client-systems";
    static final String DEPARTMENT_CLIENT = "demo-dept";
    static final String THIRD_PARTY_CLIENT = "demo-partner";
    static final String DEPARTMENT_SECRET = "Tongban-Demo-Dept-2026";
    static final String THIRD_PARTY_SECRET = "Tongban-Demo-Partner-2026";
    /** The actor recorded in the audit trail for what demo data did. */
    static final UUID SYSTEM = new UUID(0, 0);

    private final DemoData demoData;
    private final ClientSystems clientSystems;
    private final Organization organization;

    SsoDemoData(DemoData demoData, ClientSystems clientSystems, Organization organization) {
        this.demoData = demoData;
        this.clientSystems = clientSystems;
        this.organization = organization;
    }

    @Override
    public void run(ApplicationArguments args) {
        demoData.loadOnce(DATA_SET, this::load);
    }

    String load() {
        BodySummary body = organization.bodies(DivisionCode.of("210112"), false, 0, 50).getContent().stream()
                .filter(b -> b.category() == BodyCategory.MARKET_REGULATION).findFirst().orElseThrow();
        clientSystems.register(new ClientSystems.Registration("市场监管业务系统（演示）", body.creditCode(),
                "http://localhost:8081/login/oauth2/code/tongban", "http://localhost:8081/",
                "http://localhost:8081/logout/connect/back-channel/tongban", Set.of("openid", "profile"), false),
                DEPARTMENT_CLIENT, DEPARTMENT_SECRET, SYSTEM);
        clientSystems.register(new ClientSystems.Registration("第三方便民服务（演示）", body.creditCode(),
                "http://localhost:8082/login/oauth2/code/tongban", "http://localhost:8082/",
                "http://localhost:8082/logout/connect/back-channel/tongban", Set.of("openid", "profile"), true),
                THIRD_PARTY_CLIENT, THIRD_PARTY_SECRET, SYSTEM);
        return "2 demo client systems";
    }
}
