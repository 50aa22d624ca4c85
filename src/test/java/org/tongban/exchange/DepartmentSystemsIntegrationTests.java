package org.tongban.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.TongbanIntegrationTest;
import org.tongban.exchange.internal.ResourceForm;
import org.tongban.exchange.internal.Resources;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.shared.NotFoundException;

/**
 * A resource served by a department system's own endpoint (DOMAIN §9): only the items the resource offers come back
 * and every call is logged; an unknown subject is not found; a provider that fails is retried with backoff, then
 * reported unavailable (503, logged), and after repeated failures its circuit opens so that look-ups fail at once
 * without calling it.
 */
@TongbanIntegrationTest
class DepartmentSystemsIntegrationTests {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(700);

    @Autowired
    Resources resources;
    @Autowired
    SharedData sharedData;
    @Autowired
    Organization organization;
    @Autowired
    JdbcTemplate jdbc;

    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<String> received = new AtomicReference<>();
    /** What the department system answers next: a status and a body. */
    private volatile int status = 200;
    private volatile String answer = "[]";

    @BeforeEach
    void startDepartmentSystem() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/legal-persons", this::handle);
        server.start();
    }

    @AfterEach
    void stopDepartmentSystem() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    /** An unconditional legal-person resource of the test's own, served by the department system. */
    private String externalResource() {
        int n = SEQUENCE.incrementAndGet();
        BodySummary market = organization.bodies(organization.province(), false, 0, 200).getContent().stream()
                .filter(b -> b.category() == BodyCategory.MARKET_REGULATION).findFirst().orElseThrow();
        ResourceForm form = new ResourceForm();
        form.setClassCode("102009");
        form.setCode("102009-%05d".formatted(n));
        form.setName("部门系统法人信息" + n);
        form.setSource("LEGAL_PERSON");
        form.setProviderCode(market.creditCode());
        form.setSummary("由市场监管部门自有系统提供");
        form.setSharingType("UNCONDITIONAL");
        form.setEndpointUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/legal-persons");
        form.setItems(List.of("creditCode", "name", "status"));
        return resources.create(form, null, "test").code();
    }

    private SharedRecord lookUp(String resource, String reference) {
        BodySummary body = organization.bodies(organization.province(), false, 0, 200).getContent().getFirst();
        return sharedData.fetch(sharedData.company("91210112MA0TB00116"), resource, List.of(), "企业开办登记审核",
                reference, body.id(), "test");
    }

    private String resultOf(String reference) {
        return jdbc.queryForObject("select string_agg(result, ',' order by id) from exchange_access_log "
                + "where case_reference = ?", String.class, reference);
    }

    @Test
    void theDepartmentSystemAnswersOnlyTheOfferedItemsAndUnknownSubjectsAreNotFound() {
        String resource = externalResource();
        answer = """
                [{"creditCode": "91210112MA0TB00116", "name": "部门系统中的公司", "status": "ACTIVE",
                  "legalRepresentativeId": "210112199506069060"}]""";
        SharedRecord record = lookUp(resource, "EXT-1");
        assertThat(record.records()).containsExactly(java.util.Map.of("creditCode", "91210112MA0TB00116",
                "name", "部门系统中的公司", "status", "ACTIVE"));
        assertThat(received.get()).contains("\"subject\":\"91210112MA0TB00116\"", "\"subjectType\":\"COMPANY\"");
        assertThat(resultOf("EXT-1")).isEqualTo("SERVED");

        status = 404;
        answer = "";
        assertThatThrownBy(() -> lookUp(resource, "EXT-2")).isInstanceOf(NotFoundException.class);
        assertThat(resultOf("EXT-2")).isEqualTo("NOT_FOUND");
    }

    @Test
    void aFailingProviderIsRetriedThenUnavailableAndItsCircuitOpens() {
        String resource = externalResource();
        status = 500;
        answer = "{\"error\": \"down\"}";
        assertThatThrownBy(() -> lookUp(resource, "EXT-3")).isInstanceOf(ProviderUnavailableException.class)
                .extracting(e -> ((ProviderUnavailableException) e).code()).isEqualTo("exchange.provider.unavailable");
        assertThat(calls.get()).as("one call and two retries").isEqualTo(3);
        assertThat(resultOf("EXT-3")).isEqualTo("UNAVAILABLE");

        assertThatThrownBy(() -> lookUp(resource, "EXT-4")).isInstanceOf(ProviderUnavailableException.class);
        int before = calls.get();
        // Six failures of six calls: the circuit is open and the next look-up does not reach the provider.
        status = 200;
        answer = "[]";
        assertThatThrownBy(() -> lookUp(resource, "EXT-5")).isInstanceOf(ProviderUnavailableException.class);
        assertThat(calls.get()).isEqualTo(before);
        assertThat(resultOf("EXT-5")).isEqualTo("UNAVAILABLE");
    }

    @Test
    void anEndpointMustBeAnHttpAddress() {
        ResourceForm form = new ResourceForm();
        form.setClassCode("102009");
        form.setCode("102009-%05d".formatted(SEQUENCE.incrementAndGet()));
        form.setName("错误地址");
        form.setSource("LEGAL_PERSON");
        form.setProviderCode(organization.bodies(organization.province(), false, 0, 200).getContent().getFirst()
                .creditCode());
        form.setSummary("测试");
        form.setSharingType("UNCONDITIONAL");
        form.setEndpointUrl("file:///etc/passwd");
        form.setItems(List.of("name"));
        assertThatThrownBy(() -> resources.create(form, null, "test"))
                .isInstanceOf(org.tongban.platform.web.InvalidFieldException.class)
                .extracting(e -> ((org.tongban.platform.web.InvalidFieldException) e).field()).isEqualTo("endpointUrl");
    }
}
