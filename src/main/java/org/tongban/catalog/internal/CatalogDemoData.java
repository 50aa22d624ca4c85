package org.tongban.catalog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.tongban.catalog.AssuranceLevel;
import org.tongban.catalog.BasicCode;
import org.tongban.catalog.Guide;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.ItemType;
import org.tongban.catalog.LegalBasis;
import org.tongban.catalog.ServiceTarget;
import org.tongban.catalog.Theme;
import org.tongban.catalog.Venue;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.BodySummary;
import org.tongban.organization.DivisionSummary;
import org.tongban.organization.HallSummary;
import org.tongban.organization.Organization;
import org.tongban.platform.demo.DemoData;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.DivisionLevel;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * The demo catalogue: the basic items of {@code catalog/demo-basic-items.json}, published, and implemented by the
 * body of the right department in the province, every city and every county (and, for township items, in every
 * township of the sample district), with the venue of the body's hall. Loaded once, after the organization demo.
 */
@Component
@Order(10)
class CatalogDemoData implements ApplicationRunner {

    static final String DATA_SET = "catalog.liaoning";
    static final LocalDate EFFECTIVE = LocalDate.of(2026, 1, 1);
    /** Township items are implemented in the townships of this district only, to keep the demo small. */
    static final String TOWNSHIP_DISTRICT = "210112";

    private final DemoData demoData;
    private final Organization organization;
    private final EntityManager entityManager;
    private final Synonyms synonyms;
    private final Clock clock = Clock.systemUTC();

    CatalogDemoData(DemoData demoData, Organization organization, EntityManager entityManager, Synonyms synonyms) {
        this.demoData = demoData;
        this.organization = organization;
        this.entityManager = entityManager;
        this.synonyms = synonyms;
    }

    /** One item of the demo file. */
    record DemoItem(String code, String name, List<String> aliases, String type, ServiceTarget target,
            List<DivisionLevel> levels, BodyCategory department, List<Theme> themes, List<LegalBasis> legalBases,
            List<String> conditions, List<Guide.Material> materials, List<Guide.ProcessStep> process,
            Guide.TimeLimit legalLimit, Guide.TimeLimit promisedLimit, Guide.Handling handling, List<Guide.Fee> fees,
            int visits, Guide.OnlineDepth onlineDepth, boolean mailIn, Guide.Reach reach, List<String> jointBodies,
            Guide.Result result, String offlineReason, List<Guide.Faq> faq, AssuranceLevel assuranceLevel) {

        Guide guide() {
            return new Guide(conditions, materials, process, legalLimit, promisedLimit, handling, fees, visits,
                    onlineDepth, mailIn, reach, jointBodies, result, offlineReason, faq,
                    assuranceLevel == null ? assuranceLevel(type, onlineDepth) : assuranceLevel);
        }

        /**
         * The level an item of the demo needs when its entry does not say: information-only public services need no
         * real name (L1); licences handled fully online, with nobody seen at a hall, need a real person (L3);
         * everything else an ordinary real-name account (L2).
         */
        static AssuranceLevel assuranceLevel(String type, Guide.OnlineDepth depth) {
            if (type.equals(ItemType.PUBLIC_SERVICE.code()) && depth.compareTo(Guide.OnlineDepth.II) <= 0) {
                return AssuranceLevel.L1;
            }
            if (type.equals(ItemType.LICENSING.code()) && depth == Guide.OnlineDepth.IV) {
                return AssuranceLevel.L3;
            }
            return AssuranceLevel.L2;
        }
    }

    record DemoFile(List<DemoItem> items) {
    }

    @Override
    public void run(ApplicationArguments args) {
        demoData.loadOnce(DATA_SET, this::load);
    }

    static List<DemoItem> readItems() {
        try (InputStream in = new ClassPathResource("catalog/demo-basic-items.json").getInputStream()) {
            return CatalogJson.MAPPER.readValue(in, DemoFile.class).items();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String load() {
        Instant now = clock.instant();
        Map<String, Map<BodyCategory, BodySummary>> bodies = bodiesByDivision();
        Map<String, Venue> venues = new HashMap<>();
        Map<DivisionLevel, List<DivisionSummary>> divisions = divisionsByLevel();
        int basics = 0;
        int implementations = 0;
        for (DemoItem demo : readItems()) {
            if (!demo.type().equals(demo.code().substring(0, 2))) {
                throw new IllegalStateException("Demo item " + demo.code() + " has type " + demo.type());
            }
            BasicCode code = BasicCode.of(demo.code());
            Guide standard = demo.guide();
            BasicItem basic = new BasicItem(code, 1, demo.name(), demo.target(), demo.department(), demo.levels(),
                    demo.themes(), demo.aliases() == null ? List.of() : demo.aliases(), demo.legalBases(), standard);
            basic.publish(EFFECTIVE, now);
            entityManager.persist(basic);
            // Implementation items reference it by code and version: it must be in the table first.
            entityManager.flush();
            basics++;
            for (DivisionLevel level : demo.levels()) {
                for (DivisionSummary division : divisions.getOrDefault(level, List.of())) {
                    BodySummary body = bodies.getOrDefault(division.code(), Map.of()).get(demo.department());
                    if (body == null) {
                        continue;
                    }
                    Venue venue = venues.computeIfAbsent(division.code() + body.id(), k -> venue(body));
                    ImplementationItem item = new ImplementationItem(
                            ImplementationCode.of(UnifiedSocialCreditCode.of(body.creditCode()), level, code), 1, basic,
                            body.id(), body.name(), lineage(division), division.fullName(), standard, venue);
                    item.publish(EFFECTIVE, now);
                    entityManager.persist(item);
                    implementations++;
                    if (implementations % 500 == 0) {
                        entityManager.flush();
                        entityManager.clear();
                        basic = entityManager.find(BasicItem.class, basic.id());
                    }
                }
            }
        }
        entityManager.flush();
        entityManager.clear();
        for (String group : List.of("营业执照,工商登记,企业登记,市场主体登记", "身份证,居民身份证", "开饭店,开餐馆,餐饮,食品经营",
                "社保,社会保险", "医保,医疗保险", "公积金,住房公积金", "驾照,驾驶证", "结婚,婚姻登记", "上户口,户口登记,户籍登记",
                "房产证,不动产权证书,不动产登记", "退休,养老金,养老保险待遇")) {
            synonyms.add(group);
        }
        return "%d basic items, %d implementation items".formatted(basics, implementations);
    }

    private Map<String, Map<BodyCategory, BodySummary>> bodiesByDivision() {
        Map<String, Map<BodyCategory, BodySummary>> result = new HashMap<>();
        DivisionCode province = organization.province();
        int page = 0;
        org.springframework.data.domain.Page<BodySummary> current;
        do {
            current = organization.bodies(province, true, page++, 200);
            current.forEach(b -> result.computeIfAbsent(b.divisionCode(), k -> new HashMap<>()).put(b.category(), b));
        } while (current.hasNext());
        return result;
    }

    private Map<DivisionLevel, List<DivisionSummary>> divisionsByLevel() {
        Map<DivisionLevel, List<DivisionSummary>> result = new HashMap<>();
        DivisionSummary province = organization.division(organization.province());
        result.put(DivisionLevel.PROVINCE, List.of(province));
        List<DivisionSummary> cities = organization.children(organization.province());
        result.put(DivisionLevel.CITY, cities);
        List<DivisionSummary> counties = new ArrayList<>();
        cities.forEach(c -> counties.addAll(organization.children(DivisionCode.of(c.code()))));
        result.put(DivisionLevel.COUNTY, counties);
        result.put(DivisionLevel.TOWNSHIP, organization.children(DivisionCode.of(TOWNSHIP_DISTRICT)));
        return result;
    }

    private static List<String> lineage(DivisionSummary division) {
        return DivisionCode.of(division.code()).lineage().stream().map(DivisionCode::value).toList();
    }

    private Venue venue(BodySummary body) {
        List<HallSummary> halls = organization.hallsIn(DivisionCode.of(body.divisionCode()));
        HallSummary hall = halls.isEmpty() ? null : halls.getFirst();
        return hall == null
                ? new Venue(body.name(), body.divisionName(), null, body.phone(), "12345")
                : new Venue(hall.name(), hall.address(), hall.openingHours(), hall.phone(), "12345");
    }
}
