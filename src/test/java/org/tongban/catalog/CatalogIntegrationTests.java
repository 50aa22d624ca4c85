package org.tongban.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Set;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.tongban.TongbanIntegrationTest;
import org.tongban.shared.DivisionCode;

@TongbanIntegrationTest
class CatalogIntegrationTests {

    private static final DivisionCode HUNNAN = DivisionCode.of("210112");

    @Autowired
    Catalog catalog;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private CatalogSearchResult search(String text, DivisionCode division) {
        return catalog.search(new CatalogSearchRequest(text, division, null, null, null, null, null, 0, 20));
    }

    @Test
    void theDemoCatalogueIsPublishedAndImplementedAcrossTheProvince() {
        assertThat(catalog.basicItems()).hasSizeGreaterThanOrEqualTo(120);
        assertThat(catalog.basicItems()).extracting(Catalog.BasicItemView::type).containsAll(List.of(ItemType.values()));
        Integer implementations = jdbc.queryForObject(
                "select count(*) from catalog_implementation_item where status = 'PUBLISHED'", Integer.class);
        assertThat(implementations).isGreaterThan(2000);
        List<String> codes = jdbc.queryForList(
                "select code from catalog_implementation_item order by random() limit 200", String.class);
        assertThat(codes).allSatisfy(code -> assertThat(ImplementationCode.of(code).value()).isEqualTo(code));
        assertThat(jdbc.queryForObject("select count(*) from catalog_implementation_item i join catalog_basic_item b "
                + "on b.code = i.basic_code and b.status = 'PUBLISHED' where i.status not in ('SUPERSEDED', 'REPEALED') "
                + "and (i.name <> b.name or right(i.code, 12) <> b.code)", Integer.class))
                .as("same item, same name, same code").isZero();
    }

    @Test
    void anAnonymousSearchOverTheApiStartsNoSession() throws Exception {
        Integer sessionsBefore = jdbc.queryForObject("select count(*) from spring_session", Integer.class);
        var result = mvc.perform(get("/api/v1/catalog/items").param("q", "食品许可").param("division", "210112"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.hits[0].item.name").value("食品经营许可"))
                .andReturn();
        assertThat(result.getResponse().getHeaders("Set-Cookie")).isEmpty();
        assertThat(result.getRequest().getSession(false)).isNull();
        assertThat(jdbc.queryForObject("select count(*) from spring_session", Integer.class)).isEqualTo(sessionsBefore);
    }

    @Test
    void aSearchWithADivisionTakesNoDatabaseConnection() {
        search("食品许可", HUNNAN); // the division's lineage and the synonym groups are read once
        io.micrometer.core.instrument.Timer acquired = meters.get("hikaricp.connections.acquire").timer();
        long before = acquired.count();
        for (String words : List.of("开饭店", "食品许可", "户籍证明", "没有这样的事项")) {
            assertThat(search(words, HUNNAN).total()).isNotNegative();
        }
        assertThat(acquired.count()).isEqualTo(before);
    }

    @Test
    void aCitizenFindsTheFoodBusinessLicenceByWhatTheyWantToDo() {
        for (String words : List.of("开饭店", "食品许可", "食品经营许可")) {
            CatalogSearchResult result = search(words, HUNNAN);
            assertThat(result.hits()).as(words).isNotEmpty();
            CatalogSearchResult.Hit first = result.hits().getFirst();
            assertThat(first.item().name()).as(words).isEqualTo("食品经营许可");
            assertThat(first.item().bodyName()).isEqualTo("沈阳市浑南区市场监督管理局");
        }
        assertThat(search("食品许可", HUNNAN).hits().getFirst().highlightedName()).contains("<mark>");
    }

    @Test
    void aDivisionSeesItsOwnItemsThoseAboveItAndThoseOfItsTownships() {
        CatalogSearchResult result = catalog.search(
                new CatalogSearchRequest("", HUNNAN, null, null, null, null, null, 0, 100));
        assertThat(result.total()).isGreaterThan(20);
        Set<String> above = Set.of("210000", "210100", "210112");
        assertThat(result.hits()).allSatisfy(h -> assertThat(
                above.contains(h.item().divisionCode()) || h.item().divisionCode().startsWith("210112")).isTrue());
        assertThat(result.hits()).extracting(h -> h.item().divisionCode()).doesNotContain("210102", "210200");
    }

    @Test
    void synonymsWidenTheQuery() {
        assertThat(search("驾照", HUNNAN).hits()).extracting(h -> h.item().name())
                .anyMatch(name -> name.contains("驾驶证"));
    }

    @Test
    void whenNothingMatchesTheNearestItemsAreOffered() {
        CatalogSearchResult result = search("开饭店 宇宙飞船", HUNNAN);
        assertThat(result.total()).isZero();
        assertThat(result.nearest()).extracting(ItemSummary::name).contains("食品经营许可");
    }

    @Test
    void filtersNarrowTheResult() {
        CatalogSearchResult licensing = catalog.search(
                new CatalogSearchRequest("", HUNNAN, ItemType.LICENSING, null, null, null, null, 0, 100));
        assertThat(licensing.hits()).isNotEmpty().allMatch(h -> h.item().type() == ItemType.LICENSING);
        CatalogSearchResult opening = catalog.search(
                new CatalogSearchRequest("", HUNNAN, null, null, null, Theme.OPENING, null, 0, 100));
        assertThat(opening.hits()).isNotEmpty();
        assertThat(catalog.themeCounts(HUNNAN)).containsKey(Theme.OPENING);
    }

    @Test
    void theApiAnswersItemsGuidesAndProblems() throws Exception {
        ItemSummary food = search("食品经营许可", HUNNAN).hits().getFirst().item();
        mvc.perform(get("/api/v1/catalog/items/{code}", food.code()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.summary.name").value("食品经营许可"))
                .andExpect(jsonPath("$.guide.materials").isNotEmpty())
                .andExpect(jsonPath("$.legalBases").isNotEmpty())
                .andExpect(jsonPath("$.versions[0]").value(1));
        mvc.perform(get("/api/v1/catalog/items/{code}", food.code().substring(0, 30)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("code"))
                .andExpect(jsonPath("$.code").value("catalog.implementation-code.format"));
        String otherLevel = food.code().substring(0, 18) + "9" + food.code().substring(19);
        mvc.perform(get("/api/v1/catalog/items/{code}", otherLevel))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("catalog.implementation-code.level"));
        String unknown = food.code().substring(0, 18) + "2" + food.code().substring(19);
        mvc.perform(get("/api/v1/catalog/items/{code}", unknown))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("catalog.item.not-found"));
        mvc.perform(get("/api/v1/catalog/items").param("q", "开饭店").param("division", "210112"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.hits[0].item.name").value("食品经营许可"));
        mvc.perform(get("/api/v1/catalog/items").param("type", "99"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("type"));
        mvc.perform(get("/api/v1/catalog/basic-items/{code}", food.basicCode()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("食品经营许可"));
        mvc.perform(get("/api/v1/catalog/suggestions").param("q", "食品").param("division", "210112"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$").value(org.hamcrest.Matchers.hasItem("食品经营许可")));
    }

    @Test
    void theGuidePageShowsEveryElement() throws Exception {
        ItemSummary food = search("食品经营许可", HUNNAN).hits().getFirst().item();
        mvc.perform(get("/items/{code}", food.code()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("食品经营许可")))
                .andExpect(content().string(containsString("受理条件")))
                .andExpect(content().string(containsString("申请材料")))
                .andExpect(content().string(containsString("办理流程")))
                .andExpect(content().string(containsString("承诺办结时限")))
                .andExpect(content().string(containsString("设定依据")))
                .andExpect(content().string(containsString("《中华人民共和国食品安全法》")));
        mvc.perform(get("/items/{code}", "X"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void theGuideHasAQrCodeThatOpensItOnAPhone() throws Exception {
        ItemSummary food = search("食品经营许可", HUNNAN).hits().getFirst().item();
        String svg = mvc.perform(get("/items/{code}/qr.svg", food.code()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("image/svg+xml"))
                .andReturn().getResponse().getContentAsString();
        // Draw the SVG's modules into pixels and read them back with ZXing's decoder.
        var viewBox = java.util.regex.Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertThat(viewBox.find()).isTrue();
        int size = Integer.parseInt(viewBox.group(1));
        int scale = 4;
        int[] pixels = new int[size * scale * size * scale];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        var module = java.util.regex.Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
        while (module.find()) {
            int x = Integer.parseInt(module.group(1));
            int y = Integer.parseInt(module.group(2));
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    pixels[(y * scale + dy) * size * scale + x * scale + dx] = 0xFF000000;
                }
            }
        }
        var bitmap = new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                new com.google.zxing.RGBLuminanceSource(size * scale, size * scale, pixels)));
        String text = new com.google.zxing.qrcode.QRCodeReader().decode(bitmap).getText();
        assertThat(text).isEqualTo("http://localhost/items/" + food.code());
    }

    @Test
    void theHomePageOffersThemesWithCountsForTheChosenDivision() throws Exception {
        mvc.perform(get("/").cookie(new Cookie("tongban_division", "210112")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("企业开办")))
                .andExpect(content().string(containsString("辽宁省沈阳市浑南区")));
        mvc.perform(get("/items").param("q", "开饭店").cookie(new Cookie("tongban_division", "210112")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<mark>食品</mark><mark>经营</mark>许可")))
                .andExpect(content().string(containsString("沈阳市浑南区市场监督管理局")));
        mvc.perform(get("/items").param("theme", "NOT_A_THEME"))
                .andExpect(content().string(containsString("筛选条件")));
    }

    @Test
    void aPublishedVersionIsReadOnceYetWhatMayStillChangeInItShowsAtOnceAsAnotherNodeWroteIt() {
        // The last item of the demo catalogue, which no other test touches; what another node would write is written
        // here directly.
        String code = jdbc.queryForObject("select code from catalog_implementation_item where status = 'PUBLISHED' "
                + "order by code desc limit 1", String.class);
        ImplementationCode implementation = ImplementationCode.of(code);
        ItemDetail first = catalog.item(implementation);
        int version = first.summary().version();
        assertThat(catalog.item(implementation)).as("unchanged: not loaded again").isSameAs(first);
        assertThat(catalog.item(implementation, version)).isSameAs(first);
        try {
            jdbc.update("update catalog_implementation_item set status = 'SUSPENDED', status_reason = '系统升级', "
                    + "name = name || '（新）' where code = ? and version = ?", code, version);

            ItemDetail suspended = catalog.item(implementation, version);
            assertThat(suspended.status()).isEqualTo("SUSPENDED");
            assertThat(suspended.statusReason()).isEqualTo("系统升级");
            assertThat(suspended.summary().name()).isEqualTo(first.summary().name() + "（新）");
            assertThat(catalog.item(implementation)).isSameAs(suspended);
        } finally {
            jdbc.update("update catalog_implementation_item set status = 'PUBLISHED', status_reason = null, "
                    + "name = ? where code = ? and version = ?", first.summary().name(), code, version);
        }
        assertThat(catalog.item(implementation).status()).isEqualTo("PUBLISHED");
        assertThat(catalog.item(implementation).summary().name()).isEqualTo(first.summary().name());
    }
}
