package org.tongban.exchange.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.exchange.ExchangeConflictException;
import org.tongban.exchange.ExchangeProperties;
import org.tongban.exchange.ExchangeRefusedException;
import org.tongban.exchange.SharingType;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.platform.calendar.WorkingDays;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;

/**
 * Sharing requests (共享申请) for conditional resources: a consuming body names the data items it needs, the purpose,
 * the legal basis and how long; the providing body approves or refuses with reasons within the answer period
 * (DOMAIN §9: 10 working days, local practice, counted on the working-day calendar). An approved request is a grant
 * scoped to its items, its purpose and its expiry.
 *
 * <p>Its reads are single statements and run without a transaction of their own (in the caller's, when there is
 * one): the exchange gateway reads the grants on every call.
 */
@Service
@EnableConfigurationProperties(ExchangeProperties.class)
public class SharingRequests {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Who acts: a staff member of a body. */
    public record Actor(UUID accountId, String name, UUID bodyId, String bodyName, boolean approver, boolean admin) {
    }

    public record Request(UUID id, String resourceCode, String resourceName, String providerBodyName,
            UUID providerBodyId, UUID consumerBodyId, String consumerBodyName, List<String> items, String purpose,
            String legalBasis, LocalDate validUntil, String status, String requestedByName, Instant requestedAt,
            LocalDate answerDue, String decidedByName, Instant decidedAt, String reason, long version) {

        public boolean pending() {
            return "PENDING".equals(status);
        }
    }

    /** A grant in force: items of a resource for a purpose until a date. */
    public record Grant(UUID requestId, Set<String> items, String purpose, LocalDate validUntil) {
    }

    private static final String SELECT = "select q.id, r.code, r.name, r.provider_body_name, r.provider_body_id, "
            + "q.consumer_body_id, q.consumer_body_name, q.items, q.purpose, q.legal_basis, q.valid_until, q.status, "
            + "q.requested_by_name, q.requested_at, q.answer_due, q.decided_by_name, q.decided_at, q.reason, q.version "
            + "from exchange_sharing_request q join exchange_resource r on r.id = q.resource_id ";

    private final JdbcTemplate jdbc;
    private final Resources resources;
    private final WorkingDays workingDays;
    private final AuditTrail audit;
    private final ExchangeProperties properties;
    private final Clock clock;

    SharingRequests(JdbcTemplate jdbc, Resources resources, WorkingDays workingDays, AuditTrail audit,
            ExchangeProperties properties) {
        this.jdbc = jdbc;
        this.resources = resources;
        this.workingDays = workingDays;
        this.audit = audit;
        this.properties = properties;
        this.clock = Clock.system(CHINA);
    }

    /**
     * Files a request on behalf of the actor's body.
     *
     * @throws ExchangeRefusedException {@code exchange.resource.not-shared} (不予共享) or
     *         {@code exchange.request.not-needed} (无条件共享: usable at once)
     * @throws InvalidFieldException naming the field that is wrong
     */
    @Transactional
    public Request request(Actor actor, String resourceCode, List<String> items, String purpose, String legalBasis,
            LocalDate validUntil) {
        Resource resource = resources.get(resourceCode);
        if (resource.sharingType() == SharingType.NONE) {
            throw new ExchangeRefusedException("exchange.resource.not-shared", resource.name());
        }
        if (resource.sharingType() == SharingType.UNCONDITIONAL) {
            throw new ExchangeRefusedException("exchange.request.not-needed", resource.name());
        }
        Set<String> wanted = new LinkedHashSet<>(items == null ? List.of() : items);
        if (wanted.isEmpty()) {
            throw invalid("items", "exchange.request.items-required", "");
        }
        for (String item : wanted) {
            if (!resource.items().contains(item)) {
                throw invalid("items", "exchange.request.item-unknown", item);
            }
        }
        String why = purpose == null ? "" : purpose.strip();
        if (why.length() < 2 || why.length() > 200) {
            throw invalid("purpose", "exchange.request.purpose-required", why);
        }
        String basis = legalBasis == null ? "" : legalBasis.strip();
        if (basis.length() < 2 || basis.length() > 1000) {
            throw invalid("legalBasis", "exchange.request.legal-basis-required", basis);
        }
        LocalDate today = LocalDate.now(clock);
        if (validUntil == null || !validUntil.isAfter(today)
                || validUntil.isAfter(today.plusDays(properties.maxGrantDays()))) {
            throw invalid("validUntil", "exchange.request.valid-until-range", String.valueOf(validUntil),
                    properties.maxGrantDays());
        }
        // DOMAIN §9: answered within 10 working days (local practice), on the holiday calendar.
        LocalDate due = workingDays.calendar().addWorkingDays(today, properties.answerDays());
        UUID id = UUID.randomUUID();
        List<String> ordered = resource.items().stream().filter(wanted::contains).toList();
        jdbc.update("insert into exchange_sharing_request (id, resource_id, consumer_body_id, consumer_body_name, "
                + "items, purpose, legal_basis, valid_until, status, requested_by, requested_by_name, requested_at, "
                + "answer_due) values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?)", id, resource.id(),
                actor.bodyId(), actor.bodyName(), String.join(",", ordered), why, basis, validUntil,
                actor.accountId(), actor.name(), java.sql.Timestamp.from(clock.instant()), due);
        audit.record(new AuditTrail.Event("exchange", "request.filed", actor.accountId(), actor.name(),
                "exchange-request", id.toString(), resource.code() + " for " + actor.bodyName() + ": " + why));
        return get(id);
    }

    /**
     * The providing body's answer. Only an approver of the provider (or a system administrator) may answer; a refusal
     * needs its reasons.
     *
     * @throws ExchangeRefusedException {@code exchange.request.not-provider}
     * @throws ExchangeConflictException {@code exchange.request.answered}
     */
    @Transactional
    public Request decide(Actor actor, UUID id, boolean approve, String reason) {
        Request request = get(id);
        if (!(actor.admin() || actor.approver() && request.providerBodyId().equals(actor.bodyId()))) {
            throw new ExchangeRefusedException("exchange.request.not-provider", request.providerBodyName());
        }
        String why = reason == null ? "" : reason.strip();
        if (!approve && (why.length() < 2 || why.length() > 1000)) {
            throw invalid("reason", "exchange.request.reason-required", why);
        }
        int updated = jdbc.update("update exchange_sharing_request set status = ?, decided_by = ?, decided_by_name = ?, "
                + "decided_at = ?, reason = ?, version = version + 1 where id = ? and status = 'PENDING'",
                approve ? "APPROVED" : "REFUSED", actor.accountId(), actor.name(),
                java.sql.Timestamp.from(clock.instant()), why.isEmpty() ? null : why, id);
        if (updated == 0) {
            throw new ExchangeConflictException("exchange.request.answered", id);
        }
        audit.record(new AuditTrail.Event("exchange", approve ? "request.approved" : "request.refused",
                actor.accountId(), actor.name(), "exchange-request", id.toString(),
                request.resourceCode() + " for " + request.consumerBodyName() + (why.isEmpty() ? "" : ": " + why)));
        return get(id);
    }

    /** @throws NotFoundException {@code exchange.request.not-found} */
    public Request get(UUID id) {
        return jdbc.query(SELECT + "where q.id = ?", this::map, id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("exchange.request.not-found", id));
    }

    /** Requests the body filed, newest first. */
    public List<Request> filedBy(UUID bodyId) {
        return jdbc.query(SELECT + "where q.consumer_body_id = ? order by q.requested_at desc limit 200", this::map,
                bodyId);
    }

    /** Requests addressed to the body as provider, pending first, then newest. */
    public List<Request> addressedTo(UUID bodyId) {
        return jdbc.query(SELECT + "where r.provider_body_id = ? order by (q.status = 'PENDING') desc, "
                + "q.requested_at desc limit 200", this::map, bodyId);
    }

    /** Every request, for system administrators. */
    public List<Request> all() {
        return jdbc.query(SELECT + "order by (q.status = 'PENDING') desc, q.requested_at desc limit 200", this::map);
    }

    /** Approved grants of the body for the resource that are still in force today. */
    public List<Grant> grantsInForce(UUID bodyId, UUID resourceId) {
        return jdbc.query("select id, items, purpose, valid_until from exchange_sharing_request where consumer_body_id = ? "
                + "and resource_id = ? and status = 'APPROVED' and valid_until >= ?", (rs, i) -> new Grant(
                        rs.getObject(1, UUID.class), new LinkedHashSet<>(Arrays.asList(rs.getString(2).split(","))),
                        rs.getString(3), rs.getObject(4, LocalDate.class)), bodyId, resourceId, LocalDate.now(clock));
    }

    private static InvalidFieldException invalid(String field, String code, String value, Object... args) {
        return new InvalidFieldException(field, new InvalidValueException(code, value, args));
    }

    private Request map(ResultSet rs, int row) throws SQLException {
        java.sql.Timestamp decided = rs.getTimestamp(17);
        return new Request(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, UUID.class), rs.getObject(6, UUID.class), rs.getString(7),
                List.of(rs.getString(8).split(",")), rs.getString(9), rs.getString(10),
                rs.getObject(11, LocalDate.class), rs.getString(12), rs.getString(13),
                rs.getTimestamp(14).toInstant(), rs.getObject(15, LocalDate.class), rs.getString(16),
                decided == null ? null : decided.toInstant(), rs.getString(18), rs.getLong(19));
    }
}
