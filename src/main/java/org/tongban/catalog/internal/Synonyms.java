package org.tongban.catalog.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Synonym groups for search that administrators edit (营业执照 ~ 工商登记): applied when a query is built, so an edit
 * needs no reindexing. It takes effect at once on the node where it was made and on every other node within the
 * refresh interval.
 */
@Component
public class Synonyms {

    private static final Duration REFRESH = Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;
    private final AtomicReference<Cached> cache = new AtomicReference<>();

    private record Cached(List<Set<String>> groups, Instant loadedAt) {
    }

    Synonyms(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Set<String>> groups() {
        Cached cached = cache.get();
        if (cached == null || cached.loadedAt().plus(REFRESH).isBefore(Instant.now())) {
            List<Set<String>> groups = jdbc.query("select terms from catalog_synonym_group order by terms",
                    (rs, i) -> parse(rs.getString(1)));
            cached = new Cached(groups, Instant.now());
            cache.set(cached);
        }
        return cached.groups();
    }

    /** Adds a group of interchangeable terms (at least two, separated by commas or spaces). */
    public UUID add(String terms) {
        Set<String> group = parse(terms == null ? "" : terms);
        if (group.size() < 2) {
            throw new org.tongban.shared.InvalidValueException("catalog.synonyms.too-few", terms);
        }
        if (group.stream().anyMatch(t -> t.length() > 40) || String.join(",", group).length() > 500) {
            throw new org.tongban.shared.InvalidValueException("catalog.synonyms.too-long", terms);
        }
        UUID id = UUID.randomUUID();
        jdbc.update("insert into catalog_synonym_group (id, terms) values (?, ?)", id, String.join(",", group));
        cache.set(null);
        return id;
    }

    /** A group as stored, with its id (for the administrators' page). */
    public record Group(UUID id, List<String> terms) {
    }

    /** Every group, by its first term. */
    public List<Group> list() {
        return jdbc.query("select id, terms from catalog_synonym_group order by terms",
                (rs, i) -> new Group(rs.getObject(1, UUID.class), List.copyOf(parse(rs.getString(2)))));
    }

    /** Removes a group; searches on this node stop using it at once. @return whether there was such a group */
    public boolean remove(UUID id) {
        int removed = jdbc.update("delete from catalog_synonym_group where id = ?", id);
        cache.set(null);
        return removed > 0;
    }

    static Set<String> parse(String terms) {
        return Arrays.stream(terms.split("[,，\\s]+")).map(String::strip).filter(t -> !t.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
