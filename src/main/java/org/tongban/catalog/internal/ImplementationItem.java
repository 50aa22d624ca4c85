package org.tongban.catalog.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.search.engine.backend.types.Aggregable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Searchable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.IndexingDependency;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.ObjectPath;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.PropertyValue;
import org.hibernate.type.SqlTypes;
import org.tongban.catalog.Guide;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.ItemSummary;
import org.tongban.catalog.ItemType;
import org.tongban.catalog.ServiceTarget;
import org.tongban.catalog.Theme;
import org.tongban.catalog.Venue;
import org.tongban.shared.DivisionLevel;

/**
 * One version of an implementation item (实施清单事项): a basic item as one body in one division handles it, with
 * its complete guide. Name, type and code come from the basic item unchanged ("同一名称、同一编码").
 */
@Entity
@Table(name = "catalog_implementation_item")
@Indexed(index = "implementation-items")
public class ImplementationItem {

    static final String CHINESE = "chinese";
    static final String CODES = "codes";
    /** The stored-only index field with a hit's {@link ItemSummary}. */
    static final String SUMMARY = "summary";

    @Id
    private UUID id;
    @KeywordField
    private String code;
    private int version;
    @KeywordField
    @Column(name = "basic_code")
    private String basicCode;
    @Column(name = "basic_version")
    private int basicVersion;
    @FullTextField(analyzer = CHINESE, projectable = Projectable.YES)
    @KeywordField(name = "name_sort", sortable = Sortable.YES)
    private String name;
    @FullTextField(analyzer = CHINESE)
    private String aliases;
    @KeywordField(aggregable = Aggregable.YES)
    @Column(name = "item_type")
    private String itemType;
    @KeywordField
    @Enumerated(EnumType.STRING)
    private ServiceTarget target;
    @FullTextField(analyzer = CODES)
    private String themes;
    @GenericField
    @Column(name = "body_id")
    private UUID bodyId;
    @Column(name = "body_name")
    private String bodyName;
    @KeywordField(sortable = Sortable.YES)
    @Column(name = "division_code")
    private String divisionCode;
    @Column(name = "division_name")
    private String divisionName;
    /** The division and its ancestors, space separated: lets a search for a county find the items of its townships. */
    @FullTextField(analyzer = CODES)
    @Column(name = "division_lineage")
    private String divisionLineage;
    @KeywordField(sortable = Sortable.YES)
    @Enumerated(EnumType.STRING)
    private DivisionLevel level;
    @KeywordField
    @Column(name = "online_depth")
    private String onlineDepth;
    @JdbcTypeCode(SqlTypes.JSON)
    private String guide;
    @JdbcTypeCode(SqlTypes.JSON)
    private String venue;
    @KeywordField
    @Enumerated(EnumType.STRING)
    private ItemStatus status;
    @Column(name = "effective_from")
    private LocalDate effectiveFrom;
    @Column(name = "published_at")
    private Instant publishedAt;

    @Column(name = "submitted_by")
    private UUID submittedBy;
    @Column(name = "submitted_at")
    private Instant submittedAt;
    @Column(name = "approved_by")
    private UUID approvedBy;
    @Column(name = "deviation_justification")
    private String deviationJustification;
    @Column(name = "approved_at")
    private Instant approvedAt;
    /** Why the item was suspended or repealed. */
    @Column(name = "status_reason")
    private String statusReason;
    @Column(name = "status_changed_by")
    private UUID statusChangedBy;
    @Column(name = "status_changed_at")
    private Instant statusChangedAt;
    /** The real-name level an applicant needs (1–4), as in the guide: a column so that other modules can filter. */
    @Column(name = "assurance_level")
    private int assuranceLevel;
    @Transient
    private transient Guide parsedGuide;

    protected ImplementationItem() {
    }

    ImplementationItem(ImplementationCode code, int version, BasicItem basic, UUID bodyId, String bodyName,
            List<String> divisionLineage, String divisionName, Guide guide, Venue venue) {
        this.id = UUID.randomUUID();
        this.code = code.value();
        this.version = version;
        this.basicCode = basic.code().value();
        this.basicVersion = basic.version();
        this.name = basic.name();
        this.aliases = ItemColumns.aliases(basic.aliases());
        this.itemType = basic.itemType().code();
        this.target = basic.target();
        this.themes = ItemColumns.themes(basic.themes());
        this.bodyId = bodyId;
        this.bodyName = bodyName;
        this.divisionCode = divisionLineage.getLast();
        this.divisionName = divisionName;
        this.divisionLineage = String.join(ItemColumns.SPACE, divisionLineage);
        this.level = code.level();
        this.onlineDepth = guide.onlineDepth().name();
        this.guide = ItemColumns.guide(guide);
        this.assuranceLevel = guide.assuranceLevel().number();
        this.venue = ItemColumns.venue(venue);
        this.status = ItemStatus.DRAFT;
    }

    /**
     * Takes over the name, aliases, service target and themes of a new version of its basic item ("同一名称": an
     * implementation bears its basic item's name). The guide, and the basic version it was checked against, stay.
     *
     * @return whether anything changed
     */
    public boolean inherit(BasicItem basic) {
        String newAliases = ItemColumns.aliases(basic.aliases());
        String newThemes = ItemColumns.themes(basic.themes());
        if (name.equals(basic.name()) && aliases.equals(newAliases) && target == basic.target()
                && themes.equals(newThemes)) {
            return false;
        }
        this.name = basic.name();
        this.aliases = newAliases;
        this.target = basic.target();
        this.themes = newThemes;
        return true;
    }

    void publish(LocalDate effectiveFrom, Instant now) {
        this.status = ItemStatus.PUBLISHED;
        this.effectiveFrom = effectiveFrom;
        this.publishedAt = now;
    }

    /** A draft goes to the catalogue administrator for approval; its content is fixed from now on. */
    public void submit(UUID by, Instant now) {
        if (status != ItemStatus.DRAFT) {
            throw new IllegalStateException("Only a draft can be submitted");
        }
        this.status = ItemStatus.SUBMITTED;
        this.submittedBy = by;
        this.submittedAt = now;
    }

    /**
     * Approved to be in force from {@code effectiveFrom}: published at once when that day has come, otherwise
     * {@link ItemStatus#APPROVED} until {@link #takeEffect} on that day. A deviation from the standard needs its
     * justification.
     */
    public void approve(UUID by, LocalDate effectiveFrom, String justification, Instant now, LocalDate today) {
        if (status != ItemStatus.SUBMITTED) {
            throw new IllegalStateException("Only a submitted version can be approved");
        }
        this.approvedBy = by;
        this.approvedAt = now;
        this.deviationJustification = justification;
        if (effectiveFrom.isAfter(today)) {
            this.status = ItemStatus.APPROVED;
            this.effectiveFrom = effectiveFrom;
        } else {
            publish(effectiveFrom, now);
        }
    }

    /** An approved version whose effective date has come is now the one in force. */
    public void takeEffect(Instant now) {
        if (status != ItemStatus.APPROVED) {
            throw new IllegalStateException("Only an approved version takes effect");
        }
        publish(effectiveFrom, now);
    }

    /** A later version is now in force; this one stays citable. */
    public void supersede() {
        if (status == ItemStatus.PUBLISHED || status == ItemStatus.SUSPENDED) {
            this.status = ItemStatus.SUPERSEDED;
        }
    }

    /** 暂停: the item is not handled until resumed; its guide says why. */
    public void suspend(String reason, UUID by, Instant now) {
        if (status != ItemStatus.PUBLISHED) {
            throw new IllegalStateException("Only the version in force can be suspended");
        }
        changeStatus(ItemStatus.SUSPENDED, reason, by, now);
    }

    /** The suspension is over: the item is handled again. */
    public void resume(UUID by, Instant now) {
        if (status != ItemStatus.SUSPENDED) {
            throw new IllegalStateException("Only a suspended item can resume");
        }
        changeStatus(ItemStatus.PUBLISHED, null, by, now);
    }

    /** 取消: the item is no longer handled, for good; its last version stays citable. */
    public void repeal(String reason, UUID by, Instant now) {
        if (status != ItemStatus.PUBLISHED && status != ItemStatus.SUSPENDED) {
            throw new IllegalStateException("Only the version in force can be repealed");
        }
        changeStatus(ItemStatus.REPEALED, reason, by, now);
    }

    private void changeStatus(ItemStatus next, String reason, UUID by, Instant now) {
        this.status = next;
        this.statusReason = reason;
        this.statusChangedBy = by;
        this.statusChangedAt = now;
    }

    public String statusReason() {
        return statusReason;
    }

    public Instant statusChangedAt() {
        return statusChangedAt;
    }

    public Instant approvedAt() {
        return approvedAt;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public String deviationJustification() {
        return deviationJustification;
    }

    /** Material names, for search: people look for an item by what they hold ("营业执照", "房产证"). */
    @Transient
    @FullTextField(analyzer = CHINESE)
    @IndexingDependency(derivedFrom = @ObjectPath(@PropertyValue(propertyName = "guide")))
    public String getMaterialsText() {
        return guide().materials().stream().map(Guide.Material::name).collect(Collectors.joining("；"));
    }

    /** The themes as separate keywords, so that a page can count items per theme. */
    @Transient
    @KeywordField(name = "theme", aggregable = Aggregable.YES)
    @IndexingDependency(derivedFrom = @ObjectPath(@PropertyValue(propertyName = "themes")))
    public List<String> getThemeKeys() {
        return ItemColumns.split(themes, ItemColumns.SPACE, Function.identity());
    }

    /** Acceptance conditions, for search. */
    @Transient
    @FullTextField(analyzer = CHINESE)
    @IndexingDependency(derivedFrom = @ObjectPath(@PropertyValue(propertyName = "guide")))
    public String getConditionsText() {
        return String.join("；", guide().conditions());
    }

    /**
     * What a search hit shows (the item as lists show it), stored in the index as JSON: a page of hits then needs
     * neither the database nor the guide's JSON.
     */
    @Transient
    @GenericField(name = SUMMARY, projectable = Projectable.YES, searchable = Searchable.NO)
    @IndexingDependency(derivedFrom = {
            @ObjectPath(@PropertyValue(propertyName = "code")), @ObjectPath(@PropertyValue(propertyName = "version")),
            @ObjectPath(@PropertyValue(propertyName = "name")), @ObjectPath(@PropertyValue(propertyName = "bodyName")),
            @ObjectPath(@PropertyValue(propertyName = "divisionName")),
            @ObjectPath(@PropertyValue(propertyName = "guide")) })
    public String getSummaryJson() {
        return CatalogJson.write(summary());
    }

    /** The item as lists show it. */
    public ItemSummary summary() {
        Guide guide = guide();
        return new ItemSummary(code, version, basicCode, name, itemType(), target, bodyId, bodyName, divisionCode,
                divisionName, level, guide.onlineDepth(), guide.visits(), guide.promisedLimit(), guide.handling());
    }

    static ItemSummary summary(String json) {
        return CatalogJson.MAPPER.readValue(json, ItemSummary.class);
    }

    public UUID id() {
        return id;
    }

    public ImplementationCode code() {
        return ImplementationCode.of(code);
    }

    public int version() {
        return version;
    }

    public String basicCode() {
        return basicCode;
    }

    public int basicVersion() {
        return basicVersion;
    }

    public String name() {
        return name;
    }

    public List<String> aliases() {
        return ItemColumns.split(aliases, ItemColumns.COMMA, Function.identity());
    }

    public ItemType itemType() {
        return ItemType.ofCode(itemType);
    }

    public ServiceTarget target() {
        return target;
    }

    public List<Theme> themes() {
        return ItemColumns.split(themes, ItemColumns.SPACE, Theme::valueOf);
    }

    public UUID bodyId() {
        return bodyId;
    }

    public String bodyName() {
        return bodyName;
    }

    public String divisionCode() {
        return divisionCode;
    }

    public String divisionName() {
        return divisionName;
    }

    public DivisionLevel level() {
        return level;
    }

    public Guide guide() {
        // Indexing reads it twice (materials, conditions) and lists once more: parse the JSON once per instance.
        if (parsedGuide == null) {
            parsedGuide = CatalogJson.guide(guide);
        }
        return parsedGuide;
    }

    public Venue venue() {
        return CatalogJson.venue(venue);
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
}
