package org.tongban.organization;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.organization.internal.Division;
import org.tongban.organization.internal.Divisions;
import org.tongban.organization.internal.GovernmentBodies;
import org.tongban.organization.internal.GovernmentBody;
import org.tongban.organization.internal.ServiceHall;
import org.tongban.organization.internal.ServiceHalls;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.NotFoundException;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * What the organization module offers the rest of the platform: divisions with their parents and children,
 * government bodies and their service halls. Read-only; every method answers summaries, never entities.
 */
@Service
@Transactional(readOnly = true)
public class Organization {

    private static final int MAX_SEARCH_RESULTS = 50;
    /** More than a province's divisions down to villages (Liaoning: about 17,000). */
    private static final int MAX_REMEMBERED_LINEAGES = 100_000;

    private final Divisions divisions;
    private final GovernmentBodies bodies;
    private final ServiceHalls halls;
    private final OrganizationProperties properties;
    /**
     * Lineages already read, by division code. Once a division exists its lineage never changes: its parent is the
     * division its code spells ({@link Division#below} refuses any other), the code is its id, and divisions are
     * never deleted. So an entry never goes stale and needs no invalidation, on this node or any other; only
     * divisions that exist are remembered. Every catalogue search with a division filter asks for one, which then
     * costs no database round trip. Bounded by the number of divisions (about 1,500 in Liaoning down to townships).
     */
    private final Map<String, List<String>> lineages = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Bodies already read, by id, and the bodies located in a division, each kept for {@link #BODIES_KEPT}. The
     * platform itself never changes a body (they come from the data load: demo data or the province's own import),
     * but a deployer may correct one in the database; then every node shows the correction within that time. The
     * case engine asks for the acting bodies on every step (measured as a fifth of its CPU in bench/README.md,
     * "Parallel approval"). Bounded: a province has a few thousand bodies.
     */
    static final java.time.Duration BODIES_KEPT = java.time.Duration.ofMinutes(1);
    private static final int MAX_KEPT_BODIES = 50_000;
    private final Map<UUID, Kept<BodySummary>> keptBodies = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Kept<List<BodySummary>>> keptDivisionBodies =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** A value read at {@code readAt} (System.nanoTime). */
    private record Kept<V>(V value, long readAt) {

        boolean fresh() {
            return System.nanoTime() - readAt < BODIES_KEPT.toNanos();
        }
    }

    /** The body as read within the last {@link #BODIES_KEPT}, or null. */
    private BodySummary keptBody(UUID id) {
        Kept<BodySummary> kept = keptBodies.get(id);
        return kept != null && kept.fresh() ? kept.value() : null;
    }

    private static <K, V> void keep(Map<K, Kept<V>> map, K key, V value) {
        if (map.size() >= MAX_KEPT_BODIES) {
            map.clear();
        }
        map.put(key, new Kept<>(value, System.nanoTime()));
    }

    Organization(Divisions divisions, GovernmentBodies bodies, ServiceHalls halls, OrganizationProperties properties) {
        this.divisions = divisions;
        this.bodies = bodies;
        this.halls = halls;
        this.properties = properties;
    }

    /** The province this platform serves (configured by {@code tongban.organization.province}). */
    public DivisionCode province() {
        return properties.provinceCode();
    }

    /** @throws NotFoundException {@code organization.division.not-found} when no such division exists */
    public DivisionSummary division(DivisionCode code) {
        Division division = divisions.findById(code.value())
                .orElseThrow(() -> new NotFoundException("organization.division.not-found", code.value()));
        return summarize(List.of(division)).getFirst();
    }

    /** The division and its ancestors, province first. */
    public List<DivisionSummary> lineage(DivisionCode code) {
        List<Division> chain = new ArrayList<>();
        Division current = divisions.findById(code.value())
                .orElseThrow(() -> new NotFoundException("organization.division.not-found", code.value()));
        chain.add(current);
        while (current.parentCode() != null) {
            current = divisions.findById(current.parentCode()).orElseThrow();
            chain.add(current);
        }
        Collections.reverse(chain);
        return summarize(chain);
    }

    /**
     * The codes of the division and its ancestors, province first: what {@link #lineage} answers, in one query, for
     * filters that need only the codes (every catalogue search with a division). Starts no transaction of its own:
     * a remembered lineage needs no connection, and the query that reads one runs in the repository's.
     */
    @Transactional(readOnly = true, propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
    public List<String> lineageCodes(DivisionCode code) {
        List<String> codes = rememberedLineage(code);
        if (codes.isEmpty()) {
            throw new NotFoundException("organization.division.not-found", code.value());
        }
        return codes;
    }

    /**
     * Whether the division exists (a form field that names one is checked at every save and submission): from the
     * remembered lineages, or by the one query that remembers it. Cheaper than {@link #findDivision}, which also counts
     * the children (measured as 4 % of a filing's request CPU in bench/README.md "Submission benchmark").
     */
    @Transactional(readOnly = true, propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
    public boolean divisionExists(DivisionCode code) {
        return !rememberedLineage(code).isEmpty();
    }

    /** The lineage's codes, remembered once found; empty for an unknown division, which is not remembered. */
    private List<String> rememberedLineage(DivisionCode code) {
        List<String> known = lineages.get(code.value());
        if (known != null) {
            return known;
        }
        List<String> codes = List.copyOf(divisions.lineageCodes(code.value()));
        // An unknown division is not remembered: one added later is found by the next call.
        if (!codes.isEmpty() && lineages.size() < MAX_REMEMBERED_LINEAGES) {
            lineages.putIfAbsent(code.value(), codes);
        }
        return codes;
    }

    /** The divisions directly below {@code code}, by code. */
    public List<DivisionSummary> children(DivisionCode code) {
        division(code);
        return summarize(divisions.findByParentCodeOrderByCode(code.value()));
    }

    /** Divisions within {@code scope} (itself included) whose name contains {@code text}, higher levels first. */
    public List<DivisionSummary> searchDivisions(String text, DivisionCode scope, int limit) {
        String needle = text == null ? "" : text.strip();
        if (needle.isEmpty()) {
            return List.of();
        }
        return summarize(divisions.search(needle, scope.prefix(), Limit.of(clamp(limit))));
    }

    /** Government bodies located in {@code division}, or anywhere within it when {@code subtree} is set. */
    public Page<BodySummary> bodies(DivisionCode division, boolean subtree, int page, int size) {
        division(division);
        PageRequest request = PageRequest.of(Math.max(page, 0), Math.clamp(size, 1, 200),
                Sort.by("divisionCode", "category", "name"));
        Page<GovernmentBody> result = subtree
                ? bodies.findWithin(division.prefix(), request)
                : bodies.findByDivisionCode(division.value(), request);
        Map<String, String> names = divisionNames(result.getContent().stream().map(GovernmentBody::divisionCode).toList());
        return result.map(b -> toSummary(b, names));
    }

    /** Bodies within {@code scope} whose name contains {@code text}. */
    public List<BodySummary> searchBodies(String text, DivisionCode scope, int limit) {
        String needle = text == null ? "" : text.strip();
        if (needle.isEmpty()) {
            return List.of();
        }
        List<GovernmentBody> found = bodies.search(needle, scope.prefix(), Limit.of(clamp(limit)));
        Map<String, String> names = divisionNames(found.stream().map(GovernmentBody::divisionCode).toList());
        return found.stream().map(b -> toSummary(b, names)).toList();
    }

    /** @throws NotFoundException {@code organization.body.not-found} when no such body exists */
    public BodySummary body(UUID id) {
        BodySummary known = keptBody(id);
        if (known != null) {
            return known;
        }
        GovernmentBody body = bodies.findById(id)
                .orElseThrow(() -> new NotFoundException("organization.body.not-found", id));
        BodySummary summary = toSummary(body, divisionNames(List.of(body.divisionCode())));
        keep(keptBodies, id, summary);
        return summary;
    }

    /**
     * The bodies of {@code ids} that exist, by id: at most two queries however many ids (for batches of events), none
     * for bodies read in the last {@link #BODIES_KEPT}.
     */
    public Map<UUID, BodySummary> bodies(java.util.Collection<UUID> ids) {
        Map<UUID, BodySummary> byId = new HashMap<>();
        List<UUID> missing = new java.util.ArrayList<>();
        for (UUID id : ids.stream().filter(java.util.Objects::nonNull).distinct().toList()) {
            BodySummary known = keptBody(id);
            if (known != null) {
                byId.put(id, known);
            } else {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return byId;
        }
        List<GovernmentBody> found = bodies.findAllById(missing);
        Map<String, String> names = divisionNames(found.stream().map(GovernmentBody::divisionCode).toList());
        found.forEach(b -> {
            BodySummary summary = toSummary(b, names);
            keep(keptBodies, b.id(), summary);
            byId.put(b.id(), summary);
        });
        return byId;
    }

    /**
     * Every body located in {@code division} itself (not below it), by category and name; empty for a division
     * without bodies or unknown to the platform. Kept for {@link #BODIES_KEPT}.
     */
    public List<BodySummary> bodiesIn(DivisionCode division) {
        Kept<List<BodySummary>> kept = keptDivisionBodies.get(division.value());
        if (kept != null && kept.fresh()) {
            return kept.value();
        }
        List<GovernmentBody> found = bodies.findByDivisionCodeOrderByCategoryAscNameAsc(division.value());
        Map<String, String> names = divisionNames(found.stream().map(GovernmentBody::divisionCode).toList());
        List<BodySummary> summaries = found.stream().map(b -> toSummary(b, names)).toList();
        keep(keptDivisionBodies, division.value(), summaries);
        return summaries;
    }

    /** @throws NotFoundException {@code organization.body.credit-code-not-found} when no body has this code */
    public BodySummary body(UnifiedSocialCreditCode creditCode) {
        GovernmentBody body = bodies.findByCreditCode(creditCode.value())
                .orElseThrow(() -> new NotFoundException("organization.body.credit-code-not-found", creditCode.value()));
        return toSummary(body, divisionNames(List.of(body.divisionCode())));
    }

    /** The division a code names, if the platform holds it. */
    public java.util.Optional<DivisionSummary> findDivision(DivisionCode code) {
        return divisions.findById(code.value()).map(d -> summarize(List.of(d)).getFirst());
    }

    /** The service halls located in a division. */
    public List<HallSummary> hallsIn(DivisionCode division) {
        return halls.findByDivisionCodeOrderByName(division.value()).stream().map(this::toSummary).toList();
    }

    /** The service halls a body runs. */
    public List<HallSummary> hallsOf(UUID bodyId) {
        return halls.findByBodyIdOrderByName(bodyId).stream().map(this::toSummary).toList();
    }

    /** The hall that has the window with this id. */
    public java.util.Optional<HallSummary> hallOfWindow(UUID windowId) {
        return halls.findByWindowId(windowId).map(this::toSummary);
    }

    private static int clamp(int limit) {
        return Math.clamp(limit, 1, MAX_SEARCH_RESULTS);
    }

    private List<DivisionSummary> summarize(List<Division> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        Map<String, Long> counts = new HashMap<>();
        for (Object[] row : divisions.countChildren(list.stream().map(Division::code).toList())) {
            counts.put((String) row[0], (Long) row[1]);
        }
        return list.stream()
                .map(d -> new DivisionSummary(d.code(), d.name(), d.level(), d.parentCode(), d.fullName(),
                        counts.getOrDefault(d.code(), 0L), d.sample()))
                .toList();
    }

    private Map<String, String> divisionNames(List<String> codes) {
        List<String> distinct = codes.stream().distinct().toList();
        Map<String, String> names = new HashMap<>();
        if (distinct.size() == 1) {
            // The usual case (one body, or the bodies of one division): a look-up by id, which the persistence
            // context answers without building, translating and flushing for a query (findAllById builds a criteria
            // query on every call: measured as the larger part of the process engine's CPU in bench/README.md).
            divisions.findById(distinct.getFirst()).ifPresent(d -> names.put(d.code(), d.fullName()));
            return names;
        }
        divisions.findAllById(distinct).forEach(d -> names.put(d.code(), d.fullName()));
        return names;
    }

    private BodySummary toSummary(GovernmentBody b, Map<String, String> divisionNames) {
        return new BodySummary(b.id(), b.creditCode(), b.name(), b.category(), b.level(), b.divisionCode(),
                divisionNames.get(b.divisionCode()), b.phone(), b.sample());
    }

    private HallSummary toSummary(ServiceHall hall) {
        String bodyName = bodies.findById(hall.bodyId()).map(GovernmentBody::name).orElse("");
        return new HallSummary(hall.id(), hall.name(), hall.bodyId(), bodyName, hall.divisionCode(), hall.address(),
                hall.openingHours(), hall.phone(),
                hall.windows().stream().map(w -> new HallSummary.Window(w.id(), w.number(), w.name(), w.kind())).toList(),
                hall.sample());
    }
}
