package org.tongban.catalog.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.catalog.BasicCode;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.Venue;
import org.tongban.catalog.internal.BasicItem;
import org.tongban.catalog.internal.BasicItems;
import org.tongban.catalog.internal.ItemColumns;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.BodySummary;
import org.tongban.organization.DivisionSummary;
import org.tongban.organization.HallSummary;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.DivisionLevel;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * A province-scale catalogue for the benchmark: the demo's basic items and their sub-items (办理项: 新办, 变更, 延续,
 * 注销 … as provincial catalogues split an item), each implemented by the body of its department in the province,
 * every city, every county and every township of Liaoning (the demo implements township items in one district only),
 * until the catalogue holds the number of published implementation items asked for. Guides vary by place: every
 * third body asks for one more, local material and some promise a shorter time limit.
 *
 * <p>Written in one transaction with PostgreSQL's {@code COPY}, next to the demo data, so that a rerun finds it
 * complete or not at all.
 */
final class BenchCatalogData {

    /** Sub-items (办理项) as catalogues name them; suffix 01.. of the basic code. */
    private static final List<String> SUB_ITEMS = List.of("新办", "变更", "延续", "注销", "补证", "换证", "遗失补办",
            "信息更正", "撤回申请", "复核", "首次申请", "年度校验", "迁入", "迁出", "暂停", "恢复", "延期", "备案");
    private static final List<String> LOCAL_MATERIALS = List.of("居住证明", "户籍证明", "场所使用证明", "承诺书",
            "授权委托书", "近期免冠照片", "村（居）委会意见", "现场勘查记录");
    /** The columns the generator sets, and their types in the staging table. */
    private static final String STAGED = """
            id uuid, code varchar(31), version int, basic_code varchar(12), basic_version int, name varchar(200),
            aliases varchar(1000), item_type varchar(2), target varchar(20), themes varchar(300), body_id uuid,
            body_name varchar(200), division_code varchar(12), division_name varchar(200), division_lineage varchar(60),
            level varchar(10), online_depth varchar(3), guide text, venue text, status varchar(20), effective_from date,
            published_at timestamp with time zone""";
    private static final String COLUMNS = "id, code, version, basic_code, basic_version, name, aliases, item_type, "
            + "target, themes, body_id, body_name, division_code, division_name, division_lineage, level, online_depth, "
            + "guide, venue, status, effective_from, published_at";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigurableApplicationContext context;
    private final JdbcTemplate jdbc;

    BenchCatalogData(ConfigurableApplicationContext context) {
        this.context = context;
        this.jdbc = context.getBean(JdbcTemplate.class);
    }

    long published() {
        return jdbc.queryForObject("select count(*) from catalog_implementation_item where status = 'PUBLISHED'",
                Long.class);
    }

    /** Generates items until {@code target} are published; returns how many were written (0 when already there). */
    long ensure(long target) throws SQLException {
        long existing = published();
        if (existing >= target) {
            return 0;
        }
        Organization organization = context.getBean(Organization.class);
        List<BasicItem> basics = context.getBean(BasicItems.class).findAllPublished().stream()
                .filter(b -> b.code().value().endsWith("00")).toList();
        Map<String, Map<BodyCategory, BodySummary>> bodies = bodiesByDivision(organization);
        Map<DivisionLevel, List<DivisionSummary>> divisions = divisionsByLevel(organization);
        Set<String> taken = new HashSet<>(jdbc.queryForList("select code from catalog_implementation_item",
                String.class));
        Map<String, Venue> venues = new HashMap<>();
        Map<String, String> standards = new HashMap<>();
        Instant now = Instant.now();
        long written = 0;
        DataSource dataSource = context.getBean(DataSource.class);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // The sub-items as basic items of their own: copies of the published basic item (same department,
                // levels, standard and whatever else a basic item holds), with their own id, code and name.
                for (int s = 0; s < SUB_ITEMS.size(); s++) {
                    String code = "left(b.code, 10) || '%02d'".formatted(s + 1);
                    statement.executeUpdate("""
                            insert into catalog_basic_item (%s) select %s from catalog_basic_item b
                            where status = 'PUBLISHED' and right(code, 2) = '00'
                              and not exists (select 1 from catalog_basic_item o where o.code = %s)
                            """.formatted(columns(connection, "catalog_basic_item"),
                            clone(connection, "catalog_basic_item", "b", Map.of("id", "gen_random_uuid()", "code", code,
                                    "name", "b.name || '（%s）'".formatted(SUB_ITEMS.get(s)))), code));
                }
                statement.execute("create temporary table bench_item (" + STAGED
                        + ", template varchar(12) not null) on commit drop");
            }
            PGConnection pg = connection.unwrap(PGConnection.class);
            try (Writer out = new BufferedWriter(new OutputStreamWriter(
                    new PGCopyOutputStream(pg, "copy bench_item (" + COLUMNS
                            + ", template) from stdin with (format csv)", 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
                rounds:
                for (int s = 0; s <= SUB_ITEMS.size(); s++) {
                    for (BasicItem basic : basics) {
                        String basicCode = s == 0 ? basic.code().value()
                                : basic.code().value().substring(0, 10) + "%02d".formatted(s);
                        String name = s == 0 ? basic.name() : basic.name() + "（" + SUB_ITEMS.get(s - 1) + "）";
                        for (DivisionLevel level : levels(basic, s)) {
                            for (DivisionSummary division : divisions.getOrDefault(level, List.of())) {
                                if (existing + written >= target) {
                                    break rounds;
                                }
                                BodySummary body = body(bodies.getOrDefault(division.code(), Map.of()), level,
                                        basic.department());
                                if (body == null) {
                                    continue;
                                }
                                ImplementationCode code = ImplementationCode.of(
                                        UnifiedSocialCreditCode.of(body.creditCode()), level, BasicCode.of(basicCode));
                                if (!taken.add(code.value())) {
                                    continue;
                                }
                                Venue venue = venues.computeIfAbsent(division.code(),
                                        d -> venue(organization, body));
                                String guide = localGuide(standards.computeIfAbsent(basicCode,
                                        c -> ItemColumns.guide(basic.standard())), division, written);
                                DivisionCode divisionCode = DivisionCode.of(division.code());
                                row(out, UUID.randomUUID(), code.value(), 1, basicCode, basic.version(), name,
                                        ItemColumns.aliases(basic.aliases()), basic.itemType().code(),
                                        basic.target().name(), ItemColumns.themes(basic.themes()), body.id(),
                                        body.name(), divisionCode.value(), division.fullName(),
                                        ItemColumns.lineage(divisionCode), level.name(),
                                        basic.standard().onlineDepth().name(), guide,
                                        ItemColumns.venue(venue), "PUBLISHED", "2026-01-01", now.toString(),
                                        basic.code().value());
                                written++;
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // Every other column as in a published item of the same basic item made by the application itself.
            Map<String, String> staged = new HashMap<>();
            for (String column : COLUMNS.split(", ")) {
                staged.put(column, "s." + column + (column.equals("guide") || column.equals("venue") ? "::jsonb" : ""));
            }
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("""
                        insert into catalog_implementation_item (%s)
                        select %s from bench_item s
                        join (select distinct on (basic_code) * from catalog_implementation_item
                              where status = 'PUBLISHED' order by basic_code, code) t on t.basic_code = s.template
                        """.formatted(columns(connection, "catalog_implementation_item"),
                        clone(connection, "catalog_implementation_item", "t", staged)));
            }
            if (existing + written < target) {
                connection.rollback();
                throw new IllegalStateException("Only %d items could be generated".formatted(existing + written));
            }
            connection.commit();
        }
        jdbc.execute("analyze catalog_implementation_item");
        jdbc.execute("analyze catalog_basic_item");
        return written;
    }

    /**
     * The standard as a body adapts it: every third asks for one more, local material, every fifth promises a day
     * less. Edited as JSON, so that it keeps working whatever else a guide comes to hold.
     */
    private static String localGuide(String standard, DivisionSummary division, long n) {
        if (n % 3 != 0 && n % 5 != 0) {
            return standard;
        }
        ObjectNode guide = (ObjectNode) JSON.readTree(standard);
        if (n % 3 == 0 && guide.get("materials") instanceof ArrayNode materials && !materials.isEmpty()) {
            ObjectNode local = (ObjectNode) materials.get(0).deepCopy();
            local.put("name", division.name() + LOCAL_MATERIALS.get((int) (n / 3 % LOCAL_MATERIALS.size())));
            local.put("type", "OTHER");
            local.put("necessity", "OPTIONAL");
            local.put("source", "APPLICANT");
            local.putNull("sourceBody");
            local.putNull("legalBasis");
            materials.add(local);
        }
        if (n % 5 == 0 && guide.get("promisedLimit") instanceof ObjectNode promised && promised.path("days").asInt() > 1) {
            promised.put("days", promised.path("days").asInt() - 1);
        }
        return JSON.writeValueAsString(guide);
    }

    /**
     * Where a (sub-)item is implemented: the levels its basic item names, and for the main item of what the
     * township's service centre handles itself (便民服务, COMMUNITY_SERVICE) also every village's service station (村级
     * 便民服务站 accepting on its behalf, 代办). Sub-items stay above the village.
     */
    private static List<DivisionLevel> levels(BasicItem basic, int subItem) {
        if (subItem == 0 && basic.department() == BodyCategory.COMMUNITY_SERVICE
                && basic.levels().contains(DivisionLevel.TOWNSHIP) && !basic.levels().contains(DivisionLevel.VILLAGE)) {
            List<DivisionLevel> levels = new ArrayList<>(basic.levels());
            levels.add(DivisionLevel.VILLAGE);
            return levels;
        }
        return List.copyOf(basic.levels());
    }

    /**
     * The body of the item's department in the division; in a township or village, which has no departments of its
     * own, its service centre or station (COMMUNITY_SERVICE), which handles the townships' items of every department.
     */
    private static BodySummary body(Map<BodyCategory, BodySummary> bodies, DivisionLevel level,
            BodyCategory department) {
        BodySummary body = bodies.get(department);
        if (body == null && (level == DivisionLevel.TOWNSHIP || level == DivisionLevel.VILLAGE)) {
            body = bodies.get(BodyCategory.COMMUNITY_SERVICE);
        }
        return body;
    }

    private static List<String> columnNames(Connection connection, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (var statement = connection.prepareStatement("""
                select column_name from information_schema.columns
                where table_schema = current_schema() and table_name = ? order by ordinal_position""")) {
            statement.setString(1, table);
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private static String columns(Connection connection, String table) throws SQLException {
        return String.join(", ", columnNames(connection, table));
    }

    /** Every column of {@code table} from the row {@code alias}, except those given an expression. */
    private static String clone(Connection connection, String table, String alias, Map<String, String> overrides)
            throws SQLException {
        return String.join(", ", columnNames(connection, table).stream()
                .map(c -> overrides.getOrDefault(c, alias + "." + c)).toList());
    }

    private static void row(Writer out, Object... values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write('"');
            out.write(values[i].toString().replace("\"", "\"\""));
            out.write('"');
        }
        out.write('\n');
    }

    static Map<String, Map<BodyCategory, BodySummary>> bodiesByDivision(Organization organization) {
        Map<String, Map<BodyCategory, BodySummary>> result = new HashMap<>();
        int page = 0;
        org.springframework.data.domain.Page<BodySummary> current;
        do {
            current = organization.bodies(organization.province(), true, page++, 200);
            current.forEach(b -> result.computeIfAbsent(b.divisionCode(), k -> new HashMap<>()).put(b.category(), b));
        } while (current.hasNext());
        return result;
    }

    static Map<DivisionLevel, List<DivisionSummary>> divisionsByLevel(Organization organization) {
        Map<DivisionLevel, List<DivisionSummary>> result = new HashMap<>();
        result.put(DivisionLevel.PROVINCE, List.of(organization.division(organization.province())));
        List<DivisionSummary> cities = organization.children(organization.province());
        result.put(DivisionLevel.CITY, cities);
        List<DivisionSummary> counties = new ArrayList<>();
        cities.forEach(c -> counties.addAll(organization.children(DivisionCode.of(c.code()))));
        result.put(DivisionLevel.COUNTY, counties);
        List<DivisionSummary> townships = new ArrayList<>();
        counties.forEach(c -> townships.addAll(organization.children(DivisionCode.of(c.code())).stream()
                .filter(t -> t.level() == DivisionLevel.TOWNSHIP).toList()));
        result.put(DivisionLevel.TOWNSHIP, townships);
        List<DivisionSummary> villages = new ArrayList<>();
        townships.forEach(t -> villages.addAll(organization.children(DivisionCode.of(t.code())).stream()
                .filter(v -> v.level() == DivisionLevel.VILLAGE).toList()));
        result.put(DivisionLevel.VILLAGE, villages);
        return result;
    }

    private static Venue venue(Organization organization, BodySummary body) {
        List<HallSummary> halls = organization.hallsIn(DivisionCode.of(body.divisionCode()));
        HallSummary hall = halls.isEmpty() ? null : halls.getFirst();
        return hall == null
                ? new Venue(body.name(), body.divisionName(), null, body.phone(), "12345")
                : new Venue(hall.name(), hall.address(), hall.openingHours(), hall.phone(), "12345");
    }
}
