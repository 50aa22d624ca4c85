package org.tongban.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tongban.shared.DivisionCode;

/**
 * How true the first promise is (DOMAIN §1: materials the government can obtain by sharing are never requested
 * again; "the platform reports how true they are"): of the materials the published guides list, the share the
 * platform fetches from a shared resource instead of asking for them (免提交) — per item, per body of a division and
 * province-wide. The province-wide figure is read at most once a minute: it scans every published guide.
 */
@Service
public class OnceOnlyShares {

    private static final Duration PROVINCE_FRESH_FOR = Duration.ofMinutes(1);

    /** Materials listed and how many of them are fetched by sharing. */
    public record Share(long materials, long shared) {

        /** Whole per cent, rounded down; 0 without materials. */
        public int percent() {
            return materials == 0 ? 0 : (int) (shared * 100 / materials);
        }
    }

    /** One body's share, with its published items. */
    public record BodyShare(UUID bodyId, String bodyName, long items, Share share) {
    }

    private static final String MATERIALS = """
            from catalog_implementation_item i cross join lateral jsonb_array_elements(i.guide -> 'materials') m
            where i.status = 'PUBLISHED'""";
    private static final String COUNTS = "count(*), count(*) filter (where m ->> 'source' = 'GOVERNMENT' "
            + "and coalesce(m ->> 'sharedResource', '') <> '')";

    private final JdbcTemplate jdbc;
    private volatile Cached province;

    private record Cached(Share share, Instant at) {
    }

    OnceOnlyShares(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The share of one guide. */
    public static Share of(Guide guide) {
        return new Share(guide.materials().size(), guide.materials().stream().filter(Guide.Material::shared).count());
    }

    /** The share over every published guide of the province, as counted at most a minute ago. */
    public Share province() {
        Cached cached = province;
        return cached == null || cached.at().plus(PROVINCE_FRESH_FOR).isBefore(Instant.now()) ? recountProvince()
                : cached.share();
    }

    /** Counts the province-wide share now (and keeps it for the next minute's readers). */
    public Share recountProvince() {
        Share share = jdbc.queryForObject("select " + COUNTS + " " + MATERIALS,
                (rs, n) -> new Share(rs.getLong(1), rs.getLong(2)));
        province = new Cached(share, Instant.now());
        return share;
    }

    /** Every body of the division (not of its children) with published items, by name. */
    public List<BodyShare> bodies(DivisionCode division) {
        return jdbc.query("select i.body_id, min(i.body_name), count(distinct i.id), " + COUNTS + " " + MATERIALS
                + " and i.division_code = ? group by i.body_id order by min(i.body_name)",
                (rs, n) -> new BodyShare(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3),
                        new Share(rs.getLong(4), rs.getLong(5))), division.value());
    }
}
