package org.tongban.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.catalog.internal.BasicItem;
import org.tongban.catalog.internal.BasicItems;
import org.tongban.catalog.internal.ImplementationItem;
import org.tongban.catalog.internal.ImplementationItems;
import org.tongban.catalog.internal.ItemStatus;
import org.tongban.catalog.internal.transfer.BasicItemForm;
import org.tongban.catalog.internal.transfer.ImportProblem;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.DivisionLevel;
import org.tongban.shared.NotFoundException;

/**
 * The basic catalogue (基本目录): the province-wide list of items with their standard guides, which every body's
 * implementation list follows ("同一事项、同一名称、同一编码、同一标准", DOMAIN §1–§3). Only catalogue administrators of
 * the province keep it. A version is drafted by form, submitted, and approved with an effective date, as an
 * implementation item's is; publishing supersedes the previous version (kept and citable), and every implementation
 * of the item takes over its name, aliases, target and themes. Implementations keep the standard version they were
 * checked against until their next version.
 */
@Service
public class BasicItemAdministration {

    private static final String MODULE = "catalog";

    private final BasicItems basicItems;
    private final ImplementationItems items;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    BasicItemAdministration(BasicItems basicItems, ImplementationItems items, AuditTrail audit) {
        this.basicItems = basicItems;
        this.items = items;
        this.audit = audit;
    }

    /** Only a province-level administrator keeps the basic catalogue (the web layer answers 403). */
    public static class ProvinceOnly extends RuntimeException {

        ProvinceOnly() {
            super("catalog.basic.province-only");
        }
    }

    /** A version in the wrong state for the action (the web layer answers 409). */
    public static class WrongStatus extends RuntimeException {

        private final String status;

        WrongStatus(String code, String status) {
            super(code);
            this.status = status;
        }

        public String code() {
            return getMessage();
        }

        public String status() {
            return status;
        }
    }

    /** A draft version written. */
    public record Saved(String code, int version) {
    }

    /** What became of a form: the problems, each at its field, or the draft written. */
    public record Outcome(List<ImportProblem> problems, Saved saved) {

        public boolean accepted() {
            return saved != null;
        }
    }

    /** One basic item as the list shows it: its latest version. */
    public record Row(String code, String name, ItemType type, ServiceTarget target, int version, String status,
            LocalDate effectiveFrom) {
    }

    public record Listing(List<Row> rows, long total, int page, int size) {

        public int pages() {
            return (int) ((total + size - 1) / size);
        }
    }

    public record VersionEntry(int version, String status, String name, LocalDate effectiveFrom,
            Instant submittedAt, Instant approvedAt, Instant publishedAt) {
    }

    /** A basic item's versions, newest first, and how many implementation versions follow it now. */
    public record History(String code, String name, ItemType type, List<VersionEntry> versions,
            long implementations) {
    }

    /** One element of the item that differs between two versions, in the reader's language. */
    public record Change(String element, List<String> removed, List<String> added) {
    }

    private static void requireProvince(DivisionCode scope) {
        if (scope.level() != DivisionLevel.PROVINCE) {
            throw new ProvinceOnly();
        }
    }

    @Transactional(readOnly = true)
    public Listing list(String text, int page, int size, DivisionCode scope) {
        requireProvince(scope);
        String filter = text == null ? "" : text.strip();
        List<Row> rows = basicItems.findLatest(filter, size, (long) page * size).stream()
                .map(b -> new Row(b.code().value(), b.name(), b.itemType(), b.target(), b.version(),
                        b.status().name(), b.effectiveFrom()))
                .toList();
        return new Listing(rows, basicItems.countLatest(filter), page, size);
    }

    /** The form's values for the latest version of a basic item. */
    @Transactional(readOnly = true)
    public Map<String, String> values(BasicCode code, DivisionCode scope) {
        requireProvince(scope);
        BasicItem latest = latest(code.value());
        return BasicItemForm.values(latest.code(), latest.name(), latest.target(), latest.department(),
                latest.levels(), latest.themes(), latest.aliases(), latest.legalBases(), latest.standard());
    }

    /**
     * Checks a form and, when it is right, writes it as the item's draft: a new item's first version, the next
     * version of a published one, or in place of the item's current draft. A version waiting for approval or for its
     * effective date cannot be changed.
     *
     * @param creating whether the form creates a new item (its code must not be in use)
     */
    @Transactional
    public Outcome save(Map<String, String> form, boolean creating, UUID by, DivisionCode scope) {
        requireProvince(scope);
        BasicItemForm.Result read = BasicItemForm.read(form);
        if (read.draft() == null) {
            return new Outcome(read.problems(), null);
        }
        BasicItemForm.Draft draft = read.draft();
        List<BasicItem> versions = basicItems.findByCodeOrderByVersionDesc(draft.code().value());
        Optional<BasicItem> latest = versions.stream().findFirst();
        if (creating && latest.isPresent()) {
            return problem("code", "基本编码", "catalog.basic.code-taken", draft.code().value());
        }
        if (basicItems.nameTakenByOther(draft.name(), draft.code().value())) {
            // 同一事项、同一名称: one name names one item in the whole province.
            return problem("name", "事项名称", "catalog.basic.name-taken", draft.name());
        }
        if (!creating && latest.isEmpty()) {
            throw new NotFoundException("catalog.basic-item.not-found", draft.code().value());
        }
        if (latest.isPresent() && (latest.get().status() == ItemStatus.SUBMITTED
                || latest.get().status() == ItemStatus.APPROVED)) {
            return problem("code", "基本编码", "catalog.publication.draft-pending",
                    String.valueOf(latest.get().version()));
        }
        int version = 1;
        if (latest.isPresent()) {
            version = latest.get().version() + 1;
            if (latest.get().status() == ItemStatus.DRAFT) {
                // Only one draft per item: the new one takes its place and its number.
                version = latest.get().version();
                basicItems.delete(latest.get());
                basicItems.flush();
            }
        }
        BasicItem item = new BasicItem(draft.code(), version, draft.name(), draft.target(), draft.department(),
                draft.levels(), draft.themes(), draft.aliases(), draft.legalBases(), draft.standard()).savedBy(by);
        basicItems.save(item);
        record(by, "BASIC_ITEM_DRAFT_SAVED", item, null);
        return new Outcome(List.of(), new Saved(item.code().value(), item.version()));
    }

    @Transactional
    public void submit(BasicCode code, UUID by, DivisionCode scope) {
        requireProvince(scope);
        BasicItem item = latest(code.value());
        if (item.status() != ItemStatus.DRAFT) {
            throw new WrongStatus("catalog.publication.not-draft", item.status().name());
        }
        item.submit(by, clock.instant());
        record(by, "BASIC_ITEM_SUBMITTED", item, null);
    }

    /**
     * Approves the submitted version: published at once when {@code effectiveFrom} is today, earlier or not given
     * (the previous version is superseded and the implementations take over the new name and themes); otherwise it
     * waits for {@link #publishDue()} on that day.
     */
    @Transactional
    public void approve(BasicCode code, LocalDate effectiveFrom, UUID by, DivisionCode scope) {
        requireProvince(scope);
        BasicItem item = latest(code.value());
        if (item.status() != ItemStatus.SUBMITTED) {
            throw new WrongStatus("catalog.publication.not-submitted", item.status().name());
        }
        LocalDate today = today();
        LocalDate effective = effectiveFrom == null ? today : effectiveFrom;
        if (!effective.isAfter(today)) {
            supersedeCurrent(item.code().value());
        }
        item.approve(by, effective, clock.instant(), today);
        if (item.status() == ItemStatus.PUBLISHED) {
            basicItems.flush();
            handDown(item);
        }
        record(by, "BASIC_ITEM_APPROVED", item, "effective " + effective);
    }

    /**
     * Puts approved basic versions whose effective date has come in force. Safe with several nodes: each version is
     * locked with {@code FOR UPDATE SKIP LOCKED}.
     *
     * @return how many versions were published
     */
    @Transactional
    public int publishDue() {
        int published = 0;
        for (UUID id : basicItems.lockDueApprovals(today(), 100)) {
            BasicItem item = basicItems.findById(id).orElseThrow();
            supersedeCurrent(item.code().value());
            item.takeEffect(clock.instant());
            basicItems.flush();
            handDown(item);
            record(null, "BASIC_ITEM_TOOK_EFFECT", item, "effective " + item.effectiveFrom());
            published++;
        }
        return published;
    }

    @Transactional(readOnly = true)
    public History history(BasicCode code, DivisionCode scope) {
        requireProvince(scope);
        List<BasicItem> versions = basicItems.findByCodeOrderByVersionDesc(code.value());
        if (versions.isEmpty()) {
            throw new NotFoundException("catalog.basic-item.not-found", code.value());
        }
        BasicItem latest = versions.getFirst();
        return new History(latest.code().value(), latest.name(), latest.itemType(),
                versions.stream().map(v -> new VersionEntry(v.version(), v.status().name(), v.name(),
                        v.effectiveFrom(), v.submittedAt(), v.approvedAt(), v.publishedAt())).toList(),
                items.findLiveByBasicCode(code.value()).size());
    }

    /**
     * What changed from version {@code from} to {@code to}: the item's own facts, then every element of the
     * standard guide.
     *
     * @param label how a choice reads in the reader's language
     */
    @Transactional(readOnly = true)
    public List<Change> diff(BasicCode code, int from, int to, DivisionCode scope, Function<Enum<?>, String> label) {
        requireProvince(scope);
        BasicItem before = version(code, from);
        BasicItem after = version(code, to);
        List<Change> changes = new ArrayList<>();
        compare(changes, "name", List.of(before.name()), List.of(after.name()));
        compare(changes, "target", List.of(label.apply(before.target())), List.of(label.apply(after.target())));
        compare(changes, "department", List.of(label.apply(before.department())),
                List.of(label.apply(after.department())));
        compare(changes, "levels", before.levels().stream().map(label).toList(),
                after.levels().stream().map(label).toList());
        compare(changes, "themes", before.themes().stream().map(label).toList(),
                after.themes().stream().map(label).toList());
        compare(changes, "aliases", before.aliases(), after.aliases());
        compare(changes, "legalBases", before.legalBases().stream().map(LegalBasis::toString).toList(),
                after.legalBases().stream().map(LegalBasis::toString).toList());
        Venue none = new Venue(null, null, null, null, null);
        GuideDiff.of(before.standard(), none, after.standard(), none, label)
                .forEach(c -> changes.add(new Change(c.element(), c.removed(), c.added())));
        return changes;
    }

    private static void compare(List<Change> changes, String element, List<String> before, List<String> after) {
        List<String> removed = before.stream().filter(line -> !after.contains(line)).toList();
        List<String> added = after.stream().filter(line -> !before.contains(line)).toList();
        if (!removed.isEmpty() || !added.isEmpty()) {
            changes.add(new Change(element, removed, added));
        }
    }

    private BasicItem version(BasicCode code, int version) {
        return basicItems.findByCodeAndVersion(code.value(), version).orElseThrow(
                () -> new NotFoundException("catalog.item.version-not-found", code.value(), String.valueOf(version)));
    }

    private BasicItem latest(String code) {
        return basicItems.findByCodeOrderByVersionDesc(code).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("catalog.basic-item.not-found", code));
    }

    private void supersedeCurrent(String code) {
        basicItems.findPublished(code).ifPresent(BasicItem::supersede);
        basicItems.flush();
    }

    /** Every live implementation takes over the new version's name, aliases, target and themes (同一名称). */
    private void handDown(BasicItem published) {
        int changed = 0;
        for (ImplementationItem item : items.findLiveByBasicCode(published.code().value())) {
            if (item.inherit(published)) {
                changed++;
            }
        }
        if (changed > 0) {
            audit.record(new AuditTrail.Event(MODULE, "BASIC_ITEM_HANDED_DOWN", null, null, "basic-item",
                    published.code().value(), changed + " implementation versions renamed to " + published.name()));
        }
    }

    private void record(UUID by, String action, BasicItem item, String detail) {
        audit.record(new AuditTrail.Event(MODULE, action, by, null, "basic-item", item.code().value(),
                "v" + item.version() + (detail == null ? "" : " " + detail)));
    }

    private static Outcome problem(String field, String header, String code, String argument) {
        return new Outcome(List.of(new ImportProblem(new ImportProblem.Location(field, 1, header), code,
                List.of(argument))), null);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
    }
}
