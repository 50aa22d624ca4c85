package org.tongban.catalog.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.tongban.catalog.BasicCode;
import org.tongban.catalog.Guide;
import org.tongban.catalog.ItemType;
import org.tongban.catalog.LegalBasis;
import org.tongban.catalog.ServiceTarget;
import org.tongban.catalog.Theme;
import org.tongban.organization.BodyCategory;
import org.tongban.shared.DivisionLevel;
import org.tongban.shared.InvalidValueException;

/** One version of a basic-catalogue item (基本目录事项) and its province-wide standard guide. */
@Entity
@Table(name = "catalog_basic_item")
public class BasicItem {

    @Id
    private UUID id;
    private String code;
    private int version;
    private String name;
    @Column(name = "item_type")
    private String itemType;
    @Enumerated(EnumType.STRING)
    private ServiceTarget target;
    @Enumerated(EnumType.STRING)
    private BodyCategory department;
    private String levels;
    private String themes;
    private String aliases;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "legal_bases")
    private String legalBases;
    @JdbcTypeCode(SqlTypes.JSON)
    private String standard;
    @Enumerated(EnumType.STRING)
    private ItemStatus status;
    @Column(name = "effective_from")
    private LocalDate effectiveFrom;
    @Column(name = "published_at")
    private Instant publishedAt;
    @Column(name = "saved_by")
    private UUID savedBy;
    @Column(name = "submitted_by")
    private UUID submittedBy;
    @Column(name = "submitted_at")
    private Instant submittedAt;
    @Column(name = "approved_by")
    private UUID approvedBy;
    @Column(name = "approved_at")
    private Instant approvedAt;

    protected BasicItem() {
    }

    /**
     * A new draft version.
     *
     * @throws InvalidValueException when the name is missing, no legal basis is given, or the standard guide breaks
     *         one of its own rules ({@code catalog.guide.*})
     */
    public BasicItem(BasicCode code, int version, String name, ServiceTarget target, BodyCategory department,
            List<DivisionLevel> levels, List<Theme> themes, List<String> aliases, List<LegalBasis> legalBases,
            Guide standard) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidValueException("catalog.item.name", name);
        }
        if (legalBases == null || legalBases.isEmpty()) {
            throw new InvalidValueException("catalog.item.legal-basis", code.value(), code.value());
        }
        if (levels == null || levels.isEmpty()) {
            throw new InvalidValueException("catalog.item.levels", code.value(), code.value());
        }
        standard.inconsistencies().stream().findFirst().ifPresent(problem -> {
            throw new InvalidValueException(problem.code(), code.value(), problem.arguments());
        });
        this.id = UUID.randomUUID();
        this.code = code.value();
        this.version = version;
        this.name = name.strip();
        this.itemType = code.type().code();
        this.target = target;
        this.department = department;
        this.levels = String.join(ItemColumns.COMMA, levels.stream().map(Enum::name).toList());
        this.themes = String.join(ItemColumns.COMMA, themes.stream().map(Enum::name).toList());
        this.aliases = ItemColumns.aliases(aliases);
        this.legalBases = CatalogJson.write(legalBases);
        this.standard = CatalogJson.write(standard);
        this.status = ItemStatus.DRAFT;
    }

    /** Who wrote this draft (a catalogue administrator; none for demo data). */
    public BasicItem savedBy(UUID by) {
        this.savedBy = by;
        return this;
    }

    /** A draft goes for approval; its content is fixed from now on. */
    public void submit(UUID by, Instant now) {
        if (status != ItemStatus.DRAFT) {
            throw new IllegalStateException("Only a draft can be submitted: " + code + " v" + version);
        }
        this.status = ItemStatus.SUBMITTED;
        this.submittedBy = by;
        this.submittedAt = now;
    }

    /**
     * Approved to be in force from {@code effectiveFrom}: published at once when that day has come, otherwise
     * {@link ItemStatus#APPROVED} until {@link #takeEffect} on that day.
     */
    public void approve(UUID by, LocalDate effectiveFrom, Instant now, LocalDate today) {
        if (status != ItemStatus.SUBMITTED) {
            throw new IllegalStateException("Only a submitted version can be approved: " + code + " v" + version);
        }
        this.approvedBy = by;
        this.approvedAt = now;
        if (effectiveFrom.isAfter(today)) {
            this.status = ItemStatus.APPROVED;
            this.effectiveFrom = effectiveFrom;
        } else {
            publish(effectiveFrom, now);
        }
    }

    /** An approved version whose effective date has come is now the standard in force. */
    public void takeEffect(Instant now) {
        if (status != ItemStatus.APPROVED) {
            throw new IllegalStateException("Only an approved version takes effect: " + code + " v" + version);
        }
        publish(effectiveFrom, now);
    }

    /** A later version is now the standard; this one stays citable. */
    public void supersede() {
        if (status == ItemStatus.PUBLISHED) {
            this.status = ItemStatus.SUPERSEDED;
        }
    }

    /** Puts this version in force from {@code effectiveFrom}. */
    public void publish(LocalDate effectiveFrom, Instant now) {
        if (status != ItemStatus.DRAFT && status != ItemStatus.SUBMITTED && status != ItemStatus.APPROVED) {
            throw new IllegalStateException("Only an unpublished version can be published: " + code + " v" + version);
        }
        this.status = ItemStatus.PUBLISHED;
        this.effectiveFrom = effectiveFrom;
        this.publishedAt = now;
    }

    public UUID id() {
        return id;
    }

    public BasicCode code() {
        return BasicCode.of(code);
    }

    public int version() {
        return version;
    }

    public String name() {
        return name;
    }

    public ItemType itemType() {
        return ItemType.ofCode(itemType);
    }

    public ServiceTarget target() {
        return target;
    }

    public BodyCategory department() {
        return department;
    }

    public List<DivisionLevel> levels() {
        return ItemColumns.split(levels, ItemColumns.COMMA, DivisionLevel::valueOf);
    }

    public List<Theme> themes() {
        return ItemColumns.split(themes, ItemColumns.COMMA, Theme::valueOf);
    }

    public List<String> aliases() {
        return ItemColumns.split(aliases, ItemColumns.COMMA, Function.identity());
    }

    public List<LegalBasis> legalBases() {
        return CatalogJson.legalBases(legalBases);
    }

    public Guide standard() {
        return CatalogJson.guide(standard);
    }

    public ItemStatus status() {
        return status;
    }

    public LocalDate effectiveFrom() {
        return effectiveFrom;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public UUID savedBy() {
        return savedBy;
    }

    public UUID submittedBy() {
        return submittedBy;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public UUID approvedBy() {
        return approvedBy;
    }

    public Instant approvedAt() {
        return approvedAt;
    }
}
