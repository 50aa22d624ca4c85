package org.tongban.exchange.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.exchange.CertificateLibrary;
import org.tongban.exchange.ExchangeConflictException;
import org.tongban.exchange.SharingType;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * The information-resource catalogue (信息资源目录, DOMAIN §9): list, read, catalogue and change resources. Every change
 * is audited; a change based on an outdated version is refused rather than overwriting someone else's.
 *
 * <p>A resource is read in one statement, without a transaction of its own (in the caller's, when there is one): the
 * exchange gateway reads one on every call, and a transaction per read cost it a Hibernate session, a commit and the
 * interceptor.
 */
@Service
public class Resources {

    public static final List<String> FORMATS = List.of("JSON", "XML", "CSV");
    public static final List<String> METHODS = List.of("API", "FILE");
    public static final List<String> OPENNESS = List.of("NOT_OPEN", "CONDITIONAL_OPEN", "OPEN");
    public static final List<String> CYCLES = List.of("REALTIME", "DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "YEARLY");

    private static final String COLUMNS = "id, code, class_code, name, source, provider_body_id, provider_body_name, "
            + "provider_code, summary, format, sharing_type, sharing_condition, legal_basis, sharing_method, openness, "
            + "update_cycle, published_on, related_codes, version, endpoint_url";

    private final JdbcTemplate jdbc;
    private final Organization organization;
    private final AuditTrail audit;
    private final ObjectProvider<CertificateLibrary> certificates;
    private final Clock clock = Clock.system(java.time.ZoneId.of("Asia/Shanghai"));

    Resources(JdbcTemplate jdbc, Organization organization, AuditTrail audit,
            ObjectProvider<CertificateLibrary> certificates) {
        this.jdbc = jdbc;
        this.certificates = certificates;
        this.organization = organization;
        this.audit = audit;
    }

    /** Resources by code, optionally of one sharing type. */
    @Transactional(readOnly = true)
    public List<Resource> list(SharingType type) {
        List<Resource> resources = jdbc.query("select " + COLUMNS + " from exchange_resource"
                + (type == null ? "" : " where sharing_type = '" + type.name() + "'") + " order by code", this::map);
        Map<UUID, List<String>> items = new LinkedHashMap<>();
        jdbc.query("select resource_id, item from exchange_resource_item order by resource_id, position",
                (ResultSet rs) -> {
                    items.computeIfAbsent(rs.getObject(1, UUID.class), k -> new java.util.ArrayList<>())
                            .add(rs.getString(2));
                });
        return resources.stream().map(r -> withItems(r, items.getOrDefault(r.id(), List.of()))).toList();
    }

    public Optional<Resource> find(String code) {
        // One round trip: every gateway call reads its resource, items included.
        return jdbc.query("select " + COLUMNS + ", array(select i.item from exchange_resource_item i "
                + "where i.resource_id = r.id order by i.position) as item_names from exchange_resource r "
                + "where code = ?", (rs, row) -> withItems(map(rs, row),
                        Arrays.asList((String[]) rs.getArray("item_names").getArray())), code).stream().findFirst();
    }

    /** @throws NotFoundException {@code exchange.resource.not-found} */
    public Resource get(String code) {
        return find(code).orElseThrow(() -> new NotFoundException("exchange.resource.not-found", code));
    }

    /**
     * Catalogues a new resource.
     *
     * @throws InvalidFieldException naming the field that is wrong
     * @throws ExchangeConflictException {@code exchange.resource.code-taken}
     */
    @Transactional
    public Resource create(ResourceForm form, UUID actorId, String actorName) {
        Valid v = validate(form);
        if (find(v.code).isPresent()) {
            throw new InvalidFieldException("code", new InvalidValueException("exchange.resource.code-taken", v.code));
        }
        UUID id = UUID.randomUUID();
        jdbc.update("insert into exchange_resource (id, code, class_code, name, source, provider_body_id, "
                + "provider_body_name, provider_code, summary, format, sharing_type, sharing_condition, legal_basis, "
                + "sharing_method, openness, update_cycle, published_on, related_codes, endpoint_url) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, v.code, v.classCode, v.name,
                v.source.name(), v.provider.id(), v.provider.name(), v.provider.creditCode(), v.summary, v.format,
                v.sharingType.name(), v.condition, v.legalBasis, v.method, v.openness, v.cycle, LocalDate.now(clock),
                v.related, v.endpoint);
        writeItems(id, v.items);
        audit.record(new AuditTrail.Event("exchange", "resource.created", actorId, actorName, "exchange-resource",
                v.code, v.name + " / " + v.sharingType));
        return get(v.code);
    }

    /**
     * Changes a resource's metadata and items; its code stays.
     *
     * @throws ExchangeConflictException {@code exchange.resource.changed} when the version read is outdated
     */
    @Transactional
    public Resource update(String code, ResourceForm form, UUID actorId, String actorName) {
        Resource current = get(code);
        form.setCode(code);
        Valid v = validate(form);
        int updated = jdbc.update("update exchange_resource set class_code = ?, name = ?, source = ?, provider_body_id = ?, "
                + "provider_body_name = ?, provider_code = ?, summary = ?, format = ?, sharing_type = ?, "
                + "sharing_condition = ?, legal_basis = ?, sharing_method = ?, openness = ?, update_cycle = ?, "
                + "related_codes = ?, endpoint_url = ?, updated_at = now(), version = version + 1 "
                + "where id = ? and version = ?",
                v.classCode, v.name, v.source.name(), v.provider.id(), v.provider.name(), v.provider.creditCode(),
                v.summary, v.format, v.sharingType.name(), v.condition, v.legalBasis, v.method, v.openness, v.cycle,
                v.related, v.endpoint, current.id(), form.getVersion());
        if (updated == 0) {
            throw new ExchangeConflictException("exchange.resource.changed", code);
        }
        jdbc.update("delete from exchange_resource_item where resource_id = ?", current.id());
        writeItems(current.id(), v.items);
        audit.record(new AuditTrail.Event("exchange", "resource.updated", actorId, actorName, "exchange-resource",
                code, current.sharingType() + " -> " + v.sharingType + "; items " + String.join(",", v.items)));
        return get(code);
    }

    private void writeItems(UUID id, List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            jdbc.update("insert into exchange_resource_item (resource_id, position, item) values (?, ?, ?)", id, i,
                    items.get(i));
        }
    }

    private record Valid(String code, String classCode, String name, Source source, BodySummary provider,
            String summary, String format, SharingType sharingType, String condition, String legalBasis, String method,
            String openness, String cycle, String related, List<String> items, String endpoint) {
    }

    private Valid validate(ResourceForm f) {
        String classCode = strip(f.getClassCode());
        if (!classCode.matches("[0-9]{6}")) {
            throw invalid("classCode", "exchange.resource.class-code", classCode);
        }
        String code = strip(f.getCode());
        // Code: the class (类 1 digit, 项 2, 目 3), then the resource's sequence within it (5 digits).
        if (!code.matches("[0-9]{6}-[0-9]{5}") || !code.startsWith(classCode)) {
            throw invalid("code", "exchange.resource.code-format", code);
        }
        String name = strip(f.getName());
        if (name.isEmpty() || name.length() > 200) {
            throw invalid("name", "exchange.resource.name-required", name);
        }
        Source source = parse("source", f.getSource(), Source.class);
        BodySummary provider;
        try {
            provider = organization.body(UnifiedSocialCreditCode.of(f.getProviderCode()));
        } catch (InvalidValueException | NotFoundException e) {
            throw invalid("providerCode", "exchange.resource.provider-unknown", strip(f.getProviderCode()));
        }
        String summary = strip(f.getSummary());
        if (summary.isEmpty() || summary.length() > 1000) {
            throw invalid("summary", "exchange.resource.summary-required", summary);
        }
        String format = oneOf("format", f.getFormat(), FORMATS);
        SharingType type = parse("sharingType", f.getSharingType(), SharingType.class);
        String condition = strip(f.getSharingCondition());
        String basis = strip(f.getLegalBasis());
        // 政务数据共享条例: conditional and non-shared resources name their legal basis; a condition says on what terms.
        if (type != SharingType.UNCONDITIONAL && basis.isEmpty()) {
            throw invalid("legalBasis", "exchange.resource.legal-basis-required", basis);
        }
        if (type == SharingType.CONDITIONAL && condition.isEmpty()) {
            throw invalid("sharingCondition", "exchange.resource.condition-required", condition);
        }
        if (basis.length() > 1000 || condition.length() > 1000) {
            throw invalid(basis.length() > 1000 ? "legalBasis" : "sharingCondition", "exchange.resource.too-long", "");
        }
        String method = oneOf("sharingMethod", f.getSharingMethod(), METHODS);
        String openness = oneOf("openness", f.getOpenness(), OPENNESS);
        String cycle = oneOf("updateCycle", f.getUpdateCycle(), CYCLES);
        String related = strip(f.getRelatedCodes());
        if (related.length() > 400) {
            throw invalid("relatedCodes", "exchange.resource.too-long", "");
        }
        Set<String> items = new LinkedHashSet<>();
        for (String item : f.getItems()) {
            if (source.item(item).isEmpty()) {
                throw invalid("items", "exchange.resource.item-unknown", item);
            }
            items.add(item);
        }
        if (items.isEmpty()) {
            throw invalid("items", "exchange.resource.items-required", "");
        }
        // A department system's endpoint: an absolute http(s) address (mutual TLS is configured on the JVM).
        String endpoint = strip(f.getEndpointUrl());
        if (!endpoint.isEmpty() && (endpoint.length() > 500 || !endpoint.matches("https?://[^\\s]+")
                || source == Source.CERTIFICATES)) {
            throw invalid("endpointUrl", "exchange.resource.endpoint-invalid", endpoint);
        }
        // A certificate-library resource names the certificate type it serves as its related code (关联代码).
        if (source == Source.CERTIFICATES && certificates.getIfAvailable() != null
                && certificates.getObject().typeName(related).isEmpty()) {
            throw invalid("relatedCodes", "exchange.resource.certificate-type-unknown", related);
        }
        // Keep the source's order, so every view lists items the same way.
        List<String> ordered = source.items().stream().map(Source.Item::name).filter(items::contains).toList();
        return new Valid(code, classCode, name, source, provider, summary, format, type,
                condition.isEmpty() ? null : condition, basis.isEmpty() ? null : basis, method, openness, cycle,
                related.isEmpty() ? null : related, ordered, endpoint.isEmpty() ? null : endpoint);
    }

    private static <E extends Enum<E>> E parse(String field, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, strip(value));
        } catch (IllegalArgumentException e) {
            throw invalid(field, "exchange.resource.choice", strip(value));
        }
    }

    private static String oneOf(String field, String value, List<String> allowed) {
        String v = strip(value);
        if (!allowed.contains(v)) {
            throw invalid(field, "exchange.resource.choice", v);
        }
        return v;
    }

    private static InvalidFieldException invalid(String field, String code, String value) {
        return new InvalidFieldException(field, new InvalidValueException(code, value));
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private Resource map(ResultSet rs, int row) throws SQLException {
        return new Resource(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("class_code"),
                rs.getString("name"), Source.valueOf(rs.getString("source")),
                rs.getObject("provider_body_id", UUID.class), rs.getString("provider_body_name"),
                rs.getString("provider_code"), rs.getString("summary"), rs.getString("format"),
                SharingType.valueOf(rs.getString("sharing_type")), rs.getString("sharing_condition"),
                rs.getString("legal_basis"), rs.getString("sharing_method"), rs.getString("openness"),
                rs.getString("update_cycle"), rs.getObject("published_on", LocalDate.class),
                rs.getString("related_codes"), List.of(), rs.getLong("version"), rs.getString("endpoint_url"));
    }

    private static Resource withItems(Resource r, List<String> items) {
        return new Resource(r.id(), r.code(), r.classCode(), r.name(), r.source(), r.providerBodyId(),
                r.providerBodyName(), r.providerCode(), r.summary(), r.format(), r.sharingType(), r.sharingCondition(),
                r.legalBasis(), r.sharingMethod(), r.openness(), r.updateCycle(), r.publishedOn(), r.relatedCodes(),
                List.copyOf(items), r.version(), r.endpointUrl());
    }
}
