package org.tongban.exchange.web;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tongban.exchange.DataSubject;
import org.tongban.exchange.ExchangeRefusedException;
import org.tongban.exchange.SharedData;
import org.tongban.exchange.SharedRecord;
import org.tongban.exchange.SharingType;
import org.tongban.exchange.SubjectType;
import org.tongban.exchange.internal.AccessLog;
import org.tongban.exchange.internal.Gateway;
import org.tongban.exchange.internal.Resource;
import org.tongban.exchange.internal.ResourceForm;
import org.tongban.exchange.internal.Resources;
import org.tongban.exchange.internal.SharingRequests;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.platform.web.InvalidFieldException;

/**
 * The exchange API for department systems (client-credentials bearer token) and staff (session): the resource
 * catalogue, sharing requests and their answers, and the gateway query that returns the granted data items of one
 * subject for a named purpose and case. Every query is logged, served or not.
 */
@RestController
@RequestMapping("/api/v1/exchange")
class ExchangeApi {

    private final Resources resources;
    private final SharingRequests requests;
    private final Gateway gateway;
    private final SharedData sharedData;
    private final AccessLog accessLog;
    private final Consumers consumers;

    ExchangeApi(Resources resources, SharingRequests requests, Gateway gateway, SharedData sharedData,
            AccessLog accessLog, Consumers consumers) {
        this.resources = resources;
        this.requests = requests;
        this.gateway = gateway;
        this.sharedData = sharedData;
        this.accessLog = accessLog;
        this.consumers = consumers;
    }

    record ItemView(String name, String type) {
    }

    record ResourceView(String code, String classCode, String name, String provider, String providerCode,
            String summary, String format, SharingType sharingType, String sharingCondition, String legalBasis,
            String sharingMethod, String openness, String updateCycle, LocalDate publishedOn, String relatedCodes,
            List<ItemView> items, long version) {
        static ResourceView of(Resource r) {
            return new ResourceView(r.code(), r.classCode(), r.name(), r.providerBodyName(), r.providerCode(),
                    r.summary(), r.format(), r.sharingType(), r.sharingCondition(), r.legalBasis(), r.sharingMethod(),
                    r.openness(), r.updateCycle(), r.publishedOn(), r.relatedCodes(),
                    r.items().stream().map(i -> new ItemView(i, r.item(i).type())).toList(), r.version());
        }
    }

    @GetMapping("/resources")
    List<ResourceView> resources(Authentication authentication,
            @RequestParam(required = false) SharingType sharingType) {
        consumers.consumer(authentication);
        return resources.list(sharingType).stream().map(ResourceView::of).toList();
    }

    @GetMapping("/resources/{code}")
    ResourceView resource(Authentication authentication, @PathVariable String code) {
        consumers.consumer(authentication);
        return ResourceView.of(resources.get(code));
    }

    @PostMapping("/resources")
    ResponseEntity<ResourceView> create(Authentication authentication, @RequestBody ResourceForm form) {
        SignedIn admin = admin(authentication);
        Resource created = resources.create(form, admin.accountId(), admin.name());
        return ResponseEntity.created(URI.create("/api/v1/exchange/resources/" + created.code()))
                .body(ResourceView.of(created));
    }

    @PutMapping("/resources/{code}")
    ResourceView update(Authentication authentication, @PathVariable String code, @RequestBody ResourceForm form) {
        SignedIn admin = admin(authentication);
        return ResourceView.of(resources.update(code, form, admin.accountId(), admin.name()));
    }

    record RequestBodyJson(String resource, List<String> items, String purpose, String legalBasis,
            LocalDate validUntil) {
    }

    @PostMapping("/requests")
    ResponseEntity<SharingRequests.Request> request(Authentication authentication, @RequestBody RequestBodyJson body) {
        var request = requests.request(consumers.actor(authentication), body.resource(), body.items(), body.purpose(),
                body.legalBasis(), body.validUntil());
        return ResponseEntity.created(URI.create("/api/v1/exchange/requests/" + request.id())).body(request);
    }

    /** Requests the caller's body filed ({@code filed}) or must answer as provider ({@code addressed}). */
    @GetMapping("/requests")
    List<SharingRequests.Request> requests(Authentication authentication,
            @RequestParam(defaultValue = "filed") String role) {
        var actor = consumers.actor(authentication);
        return "addressed".equals(role) ? requests.addressedTo(actor.bodyId()) : requests.filedBy(actor.bodyId());
    }

    record Decision(boolean approve, String reason) {
    }

    @PostMapping("/requests/{id}/decision")
    SharingRequests.Request decide(Authentication authentication, @PathVariable UUID id, @RequestBody Decision body) {
        return requests.decide(consumers.actor(authentication), id, body.approve(), body.reason());
    }

    /** A gateway query; the subject's identifier travels in the body, never in a URL that proxies log. */
    record Query(String resource, SubjectType subjectType, String subject, List<String> items, String purpose,
            String caseReference) {
    }

    record QueryAnswer(String resource, String resourceName, String provider, SubjectType subjectType,
            String subject, List<String> items, List<String> withheld, List<Map<String, Object>> records,
            Instant fetchedAt, long accessId) {
        static QueryAnswer of(SharedRecord r) {
            return new QueryAnswer(r.resourceCode(), r.resourceName(), r.provider(), r.subject().type(),
                    r.subject().masked(), r.items(), r.withheld(), r.records(), r.fetchedAt(), r.accessId());
        }
    }

    @PostMapping("/query")
    QueryAnswer query(Authentication authentication, @RequestBody Query query) {
        Gateway.Consumer consumer;
        try {
            consumer = consumers.consumer(authentication);
        } catch (Consumers.UnboundCallException e) {
            // Refused before anything is read, and logged as the refusal of the system the token names.
            DataSubject subject = null;
            try {
                subject = query.subjectType() == null || query.subject() == null ? null
                        : query.subjectType() == SubjectType.PERSON ? sharedData.person(query.subject())
                                : sharedData.company(query.subject());
            } catch (RuntimeException malformed) {
                // nobody to log the refusal about
            }
            gateway.refuseUnbound(e.consumer(), query.resource(), subject, query.items(), query.purpose(),
                    query.caseReference());
            throw e;
        }
        if (query.subjectType() == null) {
            throw new InvalidFieldException("subjectType", new org.tongban.shared.InvalidValueException(
                    "exchange.query.subject-type", ""));
        }
        DataSubject subject = InvalidFieldException.parse("subject", () -> query.subjectType() == SubjectType.PERSON
                ? sharedData.person(query.subject()) : sharedData.company(query.subject()));
        return QueryAnswer.of(gateway.serve(consumer, query.resource(), subject, query.items(), query.purpose(),
                query.caseReference()));
    }

    record Verification(long entries, boolean intact, Long firstBrokenId) {
    }

    /** Recomputes the access log's hash chain (system administrators). */
    @GetMapping("/access-log/verification")
    Verification verify(Authentication authentication) {
        admin(authentication);
        var v = accessLog.verify();
        return new Verification(v.entries(), v.intact(), v.firstBrokenId());
    }

    private SignedIn admin(Authentication authentication) {
        SignedIn staff = consumers.staff(authentication);
        if (!staff.has(StaffRole.SYSTEM_ADMIN)) {
            throw new ExchangeRefusedException("exchange.admin-only");
        }
        return staff;
    }
}
