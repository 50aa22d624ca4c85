package org.tongban.organization.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.HallSummary.WindowKind;
import org.tongban.platform.demo.DemoData;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.DivisionLevel;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * Demo data for the default mode: the real divisions of Liaoning (辽宁省, its 14 cities, 100 counties and districts
 * and 1,406 townships and sub-districts, National Bureau of Statistics codes), the other provinces at province
 * level, a few clearly labelled sample villages, and the usual government bodies, halls and windows at every
 * level. Body credit codes are generated (valid GB 32100 check characters, not real registrations), so bodies and
 * halls are flagged as samples.
 */
@Component
@Order(0)
class LiaoningDemoData implements ApplicationRunner {

    static final String DATA_SET = "organization.liaoning";
    static final String SAMPLE_TOWNSHIP = "210112009000";
    private static final String HOTLINE = "12345";
    private static final String HOURS = "周一至周五 8:30-11:30，13:00-17:00（法定节假日除外）";

    private final DemoData demoData;
    private final EntityManager entityManager;
    private int organizationSequence;

    LiaoningDemoData(DemoData demoData, EntityManager entityManager) {
        this.demoData = demoData;
        this.entityManager = entityManager;
    }

    @Override
    public void run(ApplicationArguments args) {
        demoData.loadOnce(DATA_SET, this::load);
    }

    String load() {
        organizationSequence = 0;
        Map<String, Division> divisions = loadDivisions();
        int bodies = 0;
        int halls = 0;
        for (Division division : divisions.values().stream().sorted(Comparator.comparing(Division::code)).toList()) {
            if (!division.code().startsWith("21")) {
                continue;
            }
            Division city = division.level() == DivisionLevel.COUNTY ? divisions.get(division.parentCode()) : null;
            switch (division.level()) {
                case PROVINCE, CITY, COUNTY -> {
                    GovernmentBody serviceCentre = null;
                    for (BodyCategory category : BodyCategory.values()) {
                        if (category == BodyCategory.COMMUNITY_SERVICE) {
                            continue;
                        }
                        GovernmentBody body = body(division, category, bodyName(division, city, category));
                        bodies++;
                        if (category == BodyCategory.GOVERNMENT_SERVICE) {
                            serviceCentre = body;
                        }
                    }
                    ServiceHall hall = new ServiceHall(division.fullName() + "政务服务中心", serviceCentre,
                            "演示地址：" + division.fullName() + "政务服务中心", HOURS, HOTLINE, true);
                    for (int i = 1; i <= 4; i++) {
                        hall.openWindow("%02d".formatted(i), "综合受理窗口", WindowKind.ACCEPTANCE);
                    }
                    hall.openWindow("05", "出件窗口", WindowKind.DELIVERY);
                    hall.openWindow("06", "咨询导办台", WindowKind.CONSULTATION);
                    hall.openWindow("07", "帮办代办窗口", WindowKind.ASSISTANCE);
                    entityManager.persist(hall);
                    halls++;
                }
                case TOWNSHIP, VILLAGE -> {
                    boolean village = division.level() == DivisionLevel.VILLAGE;
                    String name = division.name() + (village ? "便民服务站" : "便民服务中心");
                    GovernmentBody body = body(division, BodyCategory.COMMUNITY_SERVICE, name);
                    bodies++;
                    ServiceHall hall = new ServiceHall(name, body, "演示地址：" + division.fullName(), HOURS, HOTLINE,
                            true);
                    hall.openWindow("01", "综合受理窗口", WindowKind.ACCEPTANCE);
                    if (!village) {
                        hall.openWindow("02", "帮办代办窗口", WindowKind.ASSISTANCE);
                    }
                    entityManager.persist(hall);
                    halls++;
                }
            }
        }
        entityManager.flush();
        entityManager.clear();
        return "%d divisions, %d bodies, %d halls".formatted(divisions.size(), bodies, halls);
    }

    private Map<String, Division> loadDivisions() {
        List<String[]> rows = readCsv();
        // Parents before children: by level, then code.
        rows.sort(Comparator.<String[]>comparingInt(r -> DivisionLevel.valueOf(r[2].toUpperCase()).ordinal())
                .thenComparing(r -> r[0]));
        Map<String, Division> byCode = new HashMap<>();
        for (String[] row : rows) {
            DivisionCode code = DivisionCode.of(row[0]);
            DivisionLevel declared = DivisionLevel.valueOf(row[2].toUpperCase());
            if (code.level() != declared) {
                throw new InvalidValueException("organization.division.level-mismatch", row[0], row[0], row[2]);
            }
            Division division = declared == DivisionLevel.PROVINCE
                    ? Division.province(code, row[1])
                    : Division.below(parentOf(byCode, row[3], row[0]), code, row[1], false);
            entityManager.persist(division);
            byCode.put(division.code(), division);
        }
        Division township = byCode.get(SAMPLE_TOWNSHIP);
        String[] villages = { "示例第一社区（演示数据）", "示例第二社区（演示数据）", "示例村（演示数据）" };
        for (int i = 0; i < villages.length; i++) {
            DivisionCode code = DivisionCode.of(SAMPLE_TOWNSHIP.substring(0, 9) + "%03d".formatted(i + 1));
            Division village = Division.below(township, code, villages[i], true);
            entityManager.persist(village);
            byCode.put(village.code(), village);
        }
        return byCode;
    }

    private static Division parentOf(Map<String, Division> byCode, String parentCode, String code) {
        Division parent = byCode.get(DivisionCode.of(parentCode).value());
        if (parent == null) {
            throw new InvalidValueException("organization.division.parent-mismatch", code, code, parentCode);
        }
        return parent;
    }

    private static List<String[]> readCsv() {
        ClassPathResource csv = new ClassPathResource("organization/divisions-liaoning.csv");
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(csv.getInputStream(), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null || !header.strip().equals("code,name,level,parent_code")) {
                throw new IllegalStateException("Unexpected header in " + csv + ": " + header);
            }
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private GovernmentBody body(Division division, BodyCategory category, String name) {
        String region = division.code().substring(0, 6);
        String organizationCode = UnifiedSocialCreditCode.organizationCodeWithCheck(
                "0" + "%07d".formatted(++organizationSequence));
        // 1 = registered by the establishment authority (机构编制), 1 = organ (机关).
        UnifiedSocialCreditCode creditCode = UnifiedSocialCreditCode.withCheckCharacter("11" + region
                + organizationCode);
        GovernmentBody body = new GovernmentBody(creditCode, name, category, division, HOTLINE, true);
        entityManager.persist(body);
        return body;
    }

    /** Names as bodies in Liaoning are actually styled: 厅 at province level, district bodies under the city name. */
    static String bodyName(Division division, Division city, BodyCategory category) {
        boolean province = division.level() == DivisionLevel.PROVINCE;
        boolean district = city != null && division.name().endsWith("区");
        String place = district ? city.name() + division.name() : division.name();
        return switch (category) {
            case GOVERNMENT_SERVICE -> place + "营商环境建设局";
            case MARKET_REGULATION -> place + "市场监督管理局";
            case PUBLIC_SECURITY -> province ? place + "公安厅"
                    : district ? city.name() + "公安局" + division.name().replaceAll("区$", "") + "分局"
                    : place + "公安局";
            case HUMAN_RESOURCES_SOCIAL_SECURITY -> place + (province ? "人力资源和社会保障厅" : "人力资源和社会保障局");
            case HOUSING_URBAN_RURAL -> place + (province ? "住房和城乡建设厅" : "住房和城乡建设局");
            case NATURAL_RESOURCES -> place + (province ? "自然资源厅" : "自然资源局");
            case HEALTH -> place + "卫生健康委员会";
            case CIVIL_AFFAIRS -> place + (province ? "民政厅" : "民政局");
            case TAXATION -> "国家税务总局" + place + "税务局";
            case COMMUNITY_SERVICE -> division.name() + "便民服务中心";
        };
    }
}
