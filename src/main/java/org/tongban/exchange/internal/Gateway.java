package org.tongban.exchange.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.tongban.exchange.DataSubject;
import org.tongban.exchange.ExchangeRefusedException;
import org.tongban.exchange.ProviderUnavailableException;
import org.tongban.exchange.SharedRecord;
import org.tongban.exchange.SharingType;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;

/**
 * The exchange's one way of serving data, for the gateway API and the once-only facade alike: authorize the consuming
 * body for the resource, the purpose and each data item (field-level minimum necessity: only granted items leave),
 * then read the base data, and log every outcome — served, partly withheld, refused, unknown subject — before
 * answering. Authorization comes before the subject look-up, so an unauthorized consumer cannot even learn whether a
 * person or company is known.
 */
@Service
public class Gateway {

    /** Who consumes: the body, the system or person acting for it, and through which channel. */
    public record Consumer(UUID bodyId, String bodyName, String actor, String channel) {
    }

    private final Resources resources;
    private final SharingRequests requests;
    private final BaseData baseData;
    private final AccessLog log;

    Gateway(Resources resources, SharingRequests requests, BaseData baseData, AccessLog log) {
        this.resources = resources;
        this.requests = requests;
        this.baseData = baseData;
        this.log = log;
    }

    /** What the catalogue and the grants allow: the items to serve and withhold, or the code of a refusal. */
    private record Decision(Resource resource, List<String> served, List<String> withheld, String refusal) {
    }

    /**
     * Serves the items of a resource about a subject.
     *
     * @param wanted the items asked for; empty means every item the consumer may have
     * @throws InvalidFieldException a missing purpose or case reference, or a subject the resource is not about
     * @throws NotFoundException {@code exchange.resource.not-found}, {@code exchange.subject.not-found}
     * @throws ExchangeRefusedException {@code exchange.resource.not-shared}, {@code exchange.grant.missing},
     *         {@code exchange.grant.purpose}, {@code exchange.grant.items}
     */
    public SharedRecord serve(Consumer consumer, String resourceCode, DataSubject subject, List<String> wanted,
            String purpose, String caseReference) {
        String why = purpose == null ? "" : purpose.strip();
        if (why.length() < 2 || why.length() > 200) {
            throw new InvalidFieldException("purpose", new InvalidValueException("exchange.query.purpose-required", why));
        }
        String reference = caseReference == null ? "" : caseReference.strip();
        if (reference.isEmpty() || reference.length() > 100) {
            throw new InvalidFieldException("caseReference",
                    new InvalidValueException("exchange.query.case-required", reference));
        }
        List<String> asked = wanted == null ? List.of() : wanted.stream().map(String::strip)
                .filter(s -> !s.isEmpty()).distinct().toList();
        // Each read is one statement without a transaction of its own (in the caller's, when there is one).
        Decision decision = decide(consumer, resourceCode, subject, asked, why);
        Resource resource = decision.resource();
        if (decision.refusal() != null) {
            throw refuse(consumer, resource, subject, asked, why, reference, decision.refusal());
        }
        List<String> served = decision.served();
        List<String> withheld = decision.withheld();
        // A department system knows its own subjects, and a base table of persons or companies has one row for each
        // subject it knows; only a list (credit lists, certificates), where a known subject may have no row, needs
        // asking whether the subject is known.
        boolean rowsTell = resource.external() || !resource.source().list();
        if (!rowsTell && !baseData.knows(subject)) {
            throw notFound(consumer, resource, subject, served, withheld, why, reference);
        }
        List<Map<String, Object>> found;
        try {
            found = baseData.rows(resource, subject, served, consumer.bodyId(), consumer.bodyName(), why);
        } catch (ProviderUnavailableException e) {
            log.append(entry(consumer, resource, subject, List.of(), served, why, reference,
                    AccessLog.Result.UNAVAILABLE));
            throw e;
        }
        if (rowsTell && found.isEmpty()) {
            throw notFound(consumer, resource, subject, served, withheld, why, reference);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : found) {
            Map<String, Object> kept = new java.util.LinkedHashMap<>();
            served.forEach(item -> kept.put(item, row.get(item)));
            rows.add(kept);
        }
        AccessLog.Entry logged = log.append(entry(consumer, resource, subject, served, withheld, why, reference,
                withheld.isEmpty() ? AccessLog.Result.SERVED : AccessLog.Result.PARTIAL));
        return new SharedRecord(resource.code(), resource.name(), resource.providerBodyName(), subject, served,
                withheld, List.copyOf(rows), logged.occurredAt(), logged.id());
    }

    private Decision decide(Consumer consumer, String resourceCode, DataSubject subject, List<String> asked,
            String why) {
        Resource resource = resources.get(resourceCode);
        if (!resource.source().accepts(subject.type())) {
            throw new InvalidFieldException("subjectType",
                    new InvalidValueException("exchange.query.subject-type", subject.type().name()));
        }
        Set<String> allowed;
        if (resource.sharingType() == SharingType.NONE) {
            return new Decision(resource, List.of(), List.of(), "exchange.resource.not-shared");
        } else if (resource.sharingType() == SharingType.UNCONDITIONAL) {
            allowed = new LinkedHashSet<>(resource.items());
        } else {
            var grants = requests.grantsInForce(consumer.bodyId(), resource.id());
            if (grants.isEmpty()) {
                return new Decision(resource, List.of(), List.of(), "exchange.grant.missing");
            }
            // A grant covers the purpose it was approved for, and no other.
            allowed = grants.stream().filter(g -> normalize(g.purpose()).equals(normalize(why)))
                    .flatMap(g -> g.items().stream()).filter(resource.items()::contains)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (allowed.isEmpty()) {
                return new Decision(resource, List.of(), List.of(), "exchange.grant.purpose");
            }
        }
        List<String> served = resource.items().stream()
                .filter(i -> allowed.contains(i) && (asked.isEmpty() || asked.contains(i))).toList();
        List<String> withheld = asked.stream().filter(i -> !served.contains(i)).toList();
        return new Decision(resource, served, withheld, served.isEmpty() ? "exchange.grant.items" : null);
    }

    private NotFoundException notFound(Consumer consumer, Resource resource, DataSubject subject, List<String> served,
            List<String> withheld, String why, String reference) {
        log.append(entry(consumer, resource, subject, served, withheld, why, reference, AccessLog.Result.NOT_FOUND));
        return new NotFoundException("exchange.subject.not-found", subject.masked());
    }

    /**
     * Logs the refusal of a call whose access token is bound to a client certificate the caller did not present
     * (RFC 8705 §3), when the call names a known resource and a valid subject; the caller answers 401.
     */
    public void refuseUnbound(Consumer consumer, String resourceCode, DataSubject subject, List<String> wanted,
            String purpose, String caseReference) {
        Resource resource = resourceCode == null ? null : resources.find(resourceCode).orElse(null);
        if (resource == null || subject == null) {
            return;
        }
        List<String> asked = wanted == null ? List.of() : wanted.stream().filter(java.util.Objects::nonNull)
                .map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        String why = purpose == null || purpose.isBlank() ? "-" : purpose.strip();
        String reference = caseReference == null || caseReference.isBlank() ? null : caseReference.strip();
        refuse(consumer, resource, subject, asked, why.length() > 200 ? why.substring(0, 200) : why,
                reference != null && reference.length() > 100 ? reference.substring(0, 100) : reference,
                "exchange.token.certificate-mismatch");
    }

    /** Whether the body may use the resource for the purpose at all (without touching any subject's data). */
    public boolean usable(UUID bodyId, String resourceCode, String purpose) {
        Resource resource = resources.find(resourceCode).orElse(null);
        if (resource == null || resource.sharingType() == SharingType.NONE) {
            return false;
        }
        if (resource.sharingType() == SharingType.UNCONDITIONAL) {
            return true;
        }
        String why = normalize(purpose == null ? "" : purpose);
        return requests.grantsInForce(bodyId, resource.id()).stream().anyMatch(g -> normalize(g.purpose()).equals(why));
    }

    private ExchangeRefusedException refuse(Consumer consumer, Resource resource, DataSubject subject,
            List<String> asked, String purpose, String reference, String code) {
        log.append(entry(consumer, resource, subject, List.of(), asked.isEmpty() ? resource.items() : asked, purpose,
                reference, AccessLog.Result.DENIED));
        return new ExchangeRefusedException(code, resource.name());
    }

    private static AccessLog.Entry entry(Consumer consumer, Resource resource, DataSubject subject, List<String> items,
            List<String> withheld, String purpose, String reference, AccessLog.Result result) {
        return new AccessLog.Entry(0, null, consumer.channel(), consumer.bodyId(), consumer.bodyName(),
                consumer.actor(), resource.code(), resource.name(), resource.providerBodyName(), subject.type(),
                subject.key(), subject.masked(), items, withheld, purpose, reference, result);
    }

    private static String normalize(String purpose) {
        return purpose.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
