package org.tongban.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.internal.ApplicationStore;
import org.tongban.cases.internal.DeliveryStore;
import org.tongban.cases.internal.ProcessStore;
import org.tongban.cases.internal.ProcessStore.TaskRow;
import org.tongban.catalog.Catalog;
import org.tongban.catalog.Guide;
import org.tongban.catalog.ImplementationCode;
import org.tongban.identity.PersonalData;
import org.tongban.identity.PhoneNumber;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.organization.HallSummary;
import org.tongban.organization.Organization;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;

/**
 * Delivery of the result (送达): the applicant chooses how to receive it — online (电子送达), at a window of a hall of
 * the item's body (窗口领取), or by post (邮寄送达, where the guide offers mail) — and may change the choice until the
 * result is delivered. At the delivery step of the process the officer delivers it as chosen: records the carrier,
 * waybill number and posting date; or who collected it, checked against the applicant (or an agent with an ID
 * number); or confirms an online delivery, which also happens when the applicant opens the decision document or, in
 * the wallet of the certificates module, the e-certificate issued for the case. The
 * delivery closes the step, and the case is completed (办结).
 *
 * <p>行政许可法 Art. 44: a licence is issued and delivered (颁发、送达) within 10 working days of the decision; Art. 38
 * para. 2 requires a refusal to be in writing, so a refusal is delivered the same way. The mail recipient's name,
 * mobile and address and the collector's ID number are personal data: sealed at rest and masked in officers' views
 * (DOMAIN §8, §10), except for the officer posting the result, who needs the address, which is audited.
 */
@Service
public class CaseDelivery {

    static final int MAX_NAME = 50;
    static final int MAX_DETAIL = 200;

    /** What the applicant chooses. The address is validated like an address field of the application form. */
    public record Choice(DeliveryMethod method, UUID hallId, String recipient, String mobile, Address address) {
    }

    public record Address(String division, String detail) {
    }

    /** What the officer records; which parts are needed depends on the chosen method (seen as {@code method}). */
    public record Record(DeliveryMethod method, String carrier, String trackingNumber, String postedOn,
            String collectorName, String collectorIdNumber, Boolean agent) {
    }

    private final DeliveryStore store;
    private final ApplicationStore applications;
    private final ProcessStore processes;
    private final CaseProcessing processing;
    private final Catalog catalog;
    private final Organization organization;
    private final PersonalData personalData;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final CaseFacts facts;

    CaseDelivery(DeliveryStore store, ApplicationStore applications, ProcessStore processes, CaseProcessing processing,
            Catalog catalog, Organization organization, PersonalData personalData, TransactionTemplate transactions,
            AuditTrail audit, ApplicationEventPublisher events, CaseFacts facts) {
        this.facts = facts;
        this.store = store;
        this.applications = applications;
        this.processes = processes;
        this.processing = processing;
        this.catalog = catalog;
        this.organization = organization;
        this.personalData = personalData;
        this.transactions = transactions;
        this.audit = audit;
        this.events = events;
    }

    // --- the applicant

    /** The delivery of the applicant's own application (a draft too): the choice, what is offered, where it stands. */
    public DeliveryView forApplicant(SignedIn who, UUID applicationId) {
        ApplicationStore.Row app = own(who, applicationId);
        return view(app, store.find(applicationId).orElse(null), false);
    }

    /**
     * Chooses (or changes) how the result is delivered.
     *
     * @throws InvalidDeliveryException (422) naming each invalid field
     * @throws CaseRefusedException {@code cases.delivery.already-delivered} (409) once delivered,
     *         {@code cases.delivery.closed} (409) for a withdrawn, not accepted or completed case
     * @throws NotFoundException unless it is the caller's own application
     */
    public DeliveryView choose(SignedIn who, UUID applicationId, Choice choice) {
        ApplicationStore.Row app = own(who, applicationId);
        List<HallSummary> halls = halls(app);
        Guide guide = guide(app);
        List<FieldProblem> problems = new ArrayList<>();
        DeliveryMethod method = choice == null ? null : choice.method();
        DeliveryStore.Pickup pickup = null;
        DeliveryStore.MailAddress mail = null;
        if (method == null) {
            problems.add(new FieldProblem("method", "cases.delivery.method-missing"));
        } else if (!options(guide, halls).contains(method)) {
            problems.add(new FieldProblem("method", "cases.delivery.method-not-offered", method.name()));
        } else if (method == DeliveryMethod.PICKUP) {
            HallSummary hall = halls.stream().filter(h -> h.id().equals(choice.hallId())).findFirst().orElse(null);
            if (hall == null) {
                problems.add(new FieldProblem("hallId", "cases.delivery.hall-missing"));
            } else {
                HallSummary.Window window = deliveryWindow(hall);
                pickup = new DeliveryStore.Pickup(hall.id(), hall.name(), hall.address(),
                        window == null ? null : window.number(), window == null ? null : window.name());
            }
        } else if (method == DeliveryMethod.MAIL) {
            mail = mailAddress(choice, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidDeliveryException(problems);
        }
        if (app.status() == ApplicationStatus.WITHDRAWN || app.status() == ApplicationStatus.NOT_ACCEPTED
                || processes.findCase(applicationId).filter(c -> "COMPLETED".equals(c.state())).isPresent()) {
            throw CaseRefusedException.conflict("cases.delivery.closed");
        }
        Instant now = processing.now();
        DeliveryStore.Pickup place = pickup;
        DeliveryStore.MailAddress address = mail;
        transactions.executeWithoutResult(status -> {
            if (!store.choose(applicationId, method.name(), place, address, who.accountId(), now)) {
                throw CaseRefusedException.conflict("cases.delivery.already-delivered");
            }
            if (app.caseNumber() != null) {
                processes.addStep(applicationId, now, "DELIVERY_CHOSEN", who.accountId(), who.name(), method.name(),
                        null, null);
            }
            audit.record(new AuditTrail.Event("cases", "DELIVERY_CHOSEN", who.accountId(), who.name(),
                    "application", applicationId.toString(), method.name()));
        });
        return forApplicant(who, applicationId);
    }

    private DeliveryStore.MailAddress mailAddress(Choice choice, List<FieldProblem> problems) {
        String recipient = strip(choice.recipient());
        if (recipient == null) {
            problems.add(new FieldProblem("recipient", "cases.delivery.recipient-missing"));
        } else if (recipient.length() > MAX_NAME) {
            problems.add(new FieldProblem("recipient", "cases.field.too-long", MAX_NAME));
        }
        String mobile = null;
        if (strip(choice.mobile()) == null) {
            problems.add(new FieldProblem("mobile", "cases.delivery.mobile-missing"));
        } else {
            try {
                mobile = new PhoneNumber(choice.mobile()).value();
            } catch (InvalidValueException e) {
                problems.add(new FieldProblem("mobile", "cases.delivery.mobile-invalid", choice.mobile()));
            }
        }
        // The same rules as an address field of the application form (division of the province + detail).
        FormField field = new FormField("address", FieldType.ADDRESS, "收件地址", "Delivery address", true, null, null,
                null, null, MAX_DETAIL);
        Address address = choice.address() == null ? new Address(null, null) : choice.address();
        java.util.Map<String, String> values = new java.util.HashMap<>();
        values.put("address.division", strip(address.division()));
        values.put("address.detail", strip(address.detail()));
        List<FieldProblem> found = FormValidation.problems(field, values,
                code -> organization.findDivision(code).isPresent());
        for (FieldProblem p : found) {
            problems.add("address".equals(p.field()) ? new FieldProblem("address.division",
                    "cases.delivery.address-missing") : p);
        }
        if (recipient == null || mobile == null || !found.isEmpty() || recipient.length() > MAX_NAME) {
            return null;
        }
        return new DeliveryStore.MailAddress(recipient, mobile, DivisionCode.of(strip(address.division())).value(),
                strip(address.detail()));
    }

    /**
     * The applicant (or the company's agent) opened the decision document: an online delivery is done if the result
     * is ready to deliver (the delivery step is open) — 电子送达 takes effect when the addressee opens it.
     */
    boolean resultOpened(SignedIn who, UUID applicationId) {
        return resultOpened(who, applicationId, null);
    }

    /**
     * The holder opened, in their wallet (我的证照), the e-certificate issued as the result of the case with this
     * number: like opening the decision document, this is the online delivery (电子送达) of a result that is ready to
     * deliver (the delivery step is open) when the applicant chose (or left) online delivery — an e-certificate has
     * the force of the paper one (国务院令第716号 Art. 10). Only the applicant, or the agent of the company applied
     * for, counts; staff (an officer, a verifier) never do. Called again, nothing changes.
     *
     * @param certificate the certificate's identifier, kept on the case's history
     * @return whether this opening delivered the result
     */
    public boolean resultCertificateOpened(SignedIn holder, String caseNumber, String certificate) {
        if (holder == null || holder.staff()) {
            return false;
        }
        UUID applicationId = facts.byNumber(caseNumber).map(CaseFacts.CaseRef::applicationId).orElse(null);
        ApplicationStore.Row app = applicationId == null ? null : applications.find(applicationId).orElse(null);
        if (app == null) {
            return false;
        }
        boolean applicant = app.applicantAccount().equals(holder.accountId()) || app.companyAccount() != null
                && holder.actingFor() != null && app.companyAccount().equals(holder.actingFor().company());
        return applicant && resultOpened(holder, applicationId, certificate);
    }

    private boolean resultOpened(SignedIn who, UUID applicationId, String certificate) {
        DeliveryStore.Row chosen = store.find(applicationId).orElse(null);
        if (who.staff() || chosen != null && (chosen.delivered() || !DeliveryMethod.ONLINE.name()
                .equals(chosen.method())) || openDeliveryTask(applicationId) == null) {
            return false;
        }
        return Boolean.TRUE.equals(transactions.execute(status -> {
            processes.lockCase(applicationId).orElseThrow();
            TaskRow task = openDeliveryTask(applicationId);
            if (task == null) {
                return false;
            }
            ApplicationStore.Row app = applications.find(applicationId).orElseThrow();
            Instant now = processing.now();
            store.ensureDefault(applicationId, app.applicantAccount(), now);
            if (!store.markDelivered(applicationId, DeliveryMethod.ONLINE.name(),
                    new DeliveryStore.Delivery("OPENED", null, null, null, null, null, null), who.accountId(),
                    who.name(), now)) {
                return false;
            }
            delivered(app, task, who, true, DeliveryMethod.ONLINE, "OPENED", certificate, now);
            return true;
        }));
    }

    // --- officers

    /**
     * The delivery of the case of a task, for an officer of the task's body. Personal data of the recipient is shown
     * in full only to an officer who can act on the open delivery step of a result to be posted (and that reading is
     * audited); everyone else sees it masked.
     */
    public DeliveryView forOfficer(SignedIn officer, UUID taskId) {
        TaskRow task = visibleTask(officer, taskId);
        ApplicationStore.Row app = applications.find(task.applicationId()).orElseThrow();
        DeliveryStore.Row chosen = store.find(app.id()).orElse(null);
        TaskRow open = openDeliveryTask(app.id());
        boolean posts = chosen != null && DeliveryMethod.MAIL.name().equals(chosen.method()) && !chosen.delivered()
                && open != null && open.id().equals(taskId) && officer.has(StaffRole.valueOf(open.role()))
                && (open.holderId() == null || open.holderId().equals(officer.accountId()));
        if (posts) {
            audit.record(new AuditTrail.Event("cases", "DELIVERY_ADDRESS_READ", officer.accountId(), officer.name(),
                    "case", app.caseNumber(), "to post the result"));
        }
        return view(app, chosen, !posts);
    }

    /**
     * Delivers the result as the applicant chose, at the open delivery step, and completes the case.
     *
     * @throws InvalidDeliveryException (422) naming each invalid field (waybill number, posting date, collector)
     * @throws CaseRefusedException {@code cases.delivery.not-delivery-step} (422) for another step,
     *         {@code cases.delivery.changed} (409) when the applicant changed the method meanwhile,
     *         {@code cases.delivery.already-delivered} (409), {@code cases.task.held} (409),
     *         {@code cases.task.role-required} (403)
     * @throws NotFoundException {@code cases.task.not-found} for a task of another body
     */
    public DeliveryView record(SignedIn officer, UUID taskId, Record input) {
        TaskRow seen = visibleTask(officer, taskId);
        if (!officer.has(StaffRole.valueOf(seen.role()))) {
            throw CaseRefusedException.forbidden("cases.task.role-required", seen.role());
        }
        if (!CaseProcessing.deliveryStep(seen)) {
            throw CaseRefusedException.rule("cases.delivery.not-delivery-step");
        }
        ApplicationStore.Row app = applications.find(seen.applicationId()).orElseThrow();
        DeliveryStore.Row chosen = store.find(app.id()).orElse(null);
        if (chosen != null && chosen.delivered()) {
            throw CaseRefusedException.conflict("cases.delivery.already-delivered");
        }
        DeliveryMethod method = chosen == null ? DeliveryMethod.ONLINE : DeliveryMethod.valueOf(chosen.method());
        Record in = input == null ? new Record(method, null, null, null, null, null, null) : input;
        if (in.method() != null && in.method() != method) {
            throw CaseRefusedException.conflict("cases.delivery.changed");
        }
        Instant now = processing.now();
        LocalDate today = LocalDate.ofInstant(now, Applications.ZONE);
        DeliveryStore.Delivery delivery = switch (method) {
            case ONLINE -> new DeliveryStore.Delivery("CONFIRMED", null, null, null, null, null, null);
            case MAIL -> posting(in, app, today);
            case PICKUP -> collection(in, app);
        };
        transactions.executeWithoutResult(status -> {
            processes.lockCase(app.id()).orElseThrow();
            TaskRow task = processes.findTask(taskId).orElseThrow();
            if (!"OPEN".equals(task.status())) {
                throw CaseRefusedException.conflict("cases.task.conflict");
            }
            if (task.holderId() != null && !task.holderId().equals(officer.accountId())) {
                throw CaseRefusedException.conflict("cases.task.held", task.holderName());
            }
            store.ensureDefault(app.id(), app.applicantAccount(), now);
            if (!store.markDelivered(app.id(), method.name(), delivery, officer.accountId(), officer.name(), now)) {
                throw CaseRefusedException.conflict("cases.delivery.changed");
            }
            String detail = switch (method) {
                case ONLINE -> null;
                case MAIL -> delivery.carrier() + " " + delivery.trackingNumber();
                case PICKUP -> chosen.pickup().hallName();
            };
            delivered(app, task, officer, false, method, delivery.confirmation(), detail, now);
        });
        return view(app, store.find(app.id()).orElseThrow(), true);
    }

    private DeliveryStore.Delivery posting(Record in, ApplicationStore.Row app, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        Carrier carrier = null;
        try {
            carrier = in.carrier() == null || in.carrier().isBlank() ? null : Carrier.valueOf(in.carrier().strip());
        } catch (IllegalArgumentException e) {
            carrier = null;
        }
        if (carrier == null) {
            problems.add(new FieldProblem("carrier", "cases.delivery.carrier-missing"));
        }
        String tracking = null;
        if (strip(in.trackingNumber()) == null) {
            problems.add(new FieldProblem("trackingNumber", "cases.delivery.tracking-missing"));
        } else if (carrier != null) {
            tracking = carrier.normalize(in.trackingNumber());
            if (tracking == null) {
                problems.add(new FieldProblem("trackingNumber", "cases.delivery.tracking-invalid",
                        in.trackingNumber().strip()));
            }
        }
        LocalDate posted = null;
        if (strip(in.postedOn()) == null) {
            problems.add(new FieldProblem("postedOn", "cases.delivery.posted-missing"));
        } else {
            try {
                posted = LocalDate.parse(in.postedOn().strip());
                LocalDate decided = processes.findCase(app.id()).map(ProcessStore.CaseRow::decidedOn).orElse(null);
                if (posted.isAfter(today)) {
                    problems.add(new FieldProblem("postedOn", "cases.delivery.posted-future", posted.toString()));
                } else if (decided != null && posted.isBefore(decided)) {
                    problems.add(new FieldProblem("postedOn", "cases.delivery.posted-before-decision",
                            decided.toString()));
                }
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem("postedOn", "cases.delivery.posted-invalid", in.postedOn().strip()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDeliveryException(problems);
        }
        return new DeliveryStore.Delivery("POSTED", carrier.name(), tracking, posted, null, null, null);
    }

    /**
     * Who collects the result at the window: the applicant in person (name and ID number must be the applicant's),
     * or an agent (代领人) with their own resident ID number, recorded sealed.
     */
    private DeliveryStore.Delivery collection(Record in, ApplicationStore.Row app) {
        List<FieldProblem> problems = new ArrayList<>();
        boolean agent = Boolean.TRUE.equals(in.agent());
        String name = strip(in.collectorName());
        if (name == null) {
            problems.add(new FieldProblem("collectorName", "cases.delivery.collector-name-missing"));
        } else if (name.length() > MAX_NAME) {
            problems.add(new FieldProblem("collectorName", "cases.field.too-long", MAX_NAME));
        }
        String typed = strip(in.collectorIdNumber());
        String idNumber = null;
        if (typed == null) {
            problems.add(new FieldProblem("collectorIdNumber", "cases.delivery.collector-id-missing"));
        } else if (agent) {
            try {
                idNumber = CitizenIdNumber.of(typed).value();
            } catch (InvalidValueException e) {
                problems.add(new FieldProblem("collectorIdNumber", "cases.delivery.collector-id-invalid"));
            }
        } else {
            PersonalData.Person applicant = personalData.person(app.applicantAccount()).orElse(null);
            String own = applicant == null || applicant.idNumber() == null ? null
                    : applicant.idNumber().strip().toUpperCase(java.util.Locale.ROOT);
            if (own == null || !own.equals(typed.toUpperCase(java.util.Locale.ROOT))) {
                problems.add(new FieldProblem("collectorIdNumber", "cases.delivery.collector-id-mismatch"));
            } else {
                idNumber = own;
            }
            if (name != null && !name.equals(app.applicantName())) {
                problems.add(new FieldProblem("collectorName", "cases.delivery.collector-name-mismatch"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDeliveryException(problems);
        }
        return new DeliveryStore.Delivery("COLLECTED", null, null, null, name, agent, idNumber);
    }

    /** The delivery is on the case's history and audit trail, closes the step, and the applicant is told. */
    private void delivered(ApplicationStore.Row app, TaskRow task, SignedIn actor, boolean anyHolder,
            DeliveryMethod method, String confirmation, String detail, Instant now) {
        processes.addStep(app.id(), now, "DELIVERED", actor.accountId(), actor.name(),
                method.name() + (detail == null ? "" : " " + detail), null, null);
        audit.record(new AuditTrail.Event("cases", "DELIVERED", actor.accountId(), actor.name(), "case",
                app.caseNumber(), method.name() + " " + confirmation + (detail == null ? "" : " " + detail)));
        events.publishEvent(new CaseDelivered(app.id(), app.caseNumber(), method, confirmation, detail, now));
        processing.completeDelivery(task, actor, anyHolder, null, now);
    }

    // --- views

    /** The methods the item offers: online always; at a window where the body runs a hall; by post if the guide says. */
    static List<DeliveryMethod> options(Guide guide, List<HallSummary> halls) {
        List<DeliveryMethod> options = new ArrayList<>(List.of(DeliveryMethod.ONLINE));
        if (!halls.isEmpty()) {
            options.add(DeliveryMethod.PICKUP);
        }
        if (guide.mailIn()) {
            options.add(DeliveryMethod.MAIL);
        }
        return options;
    }

    /**
     * The choice offered first: online for an item handled fully online (网上办理深度 IV, no visit); otherwise, where
     * the applicant comes to the hall anyway, the window; online when neither applies.
     */
    static DeliveryMethod suggested(Guide guide, List<HallSummary> halls) {
        boolean fullyOnline = guide.onlineDepth() == Guide.OnlineDepth.IV || guide.visits() == 0;
        return !fullyOnline && !halls.isEmpty() ? DeliveryMethod.PICKUP : DeliveryMethod.ONLINE;
    }

    private static HallSummary.Window deliveryWindow(HallSummary hall) {
        return hall.windows().stream().filter(w -> w.kind() == HallSummary.WindowKind.DELIVERY).findFirst()
                .or(() -> hall.windows().stream().filter(w -> w.kind() == HallSummary.WindowKind.ACCEPTANCE)
                        .findFirst())
                .orElse(hall.windows().isEmpty() ? null : hall.windows().getFirst());
    }

    private DeliveryView view(ApplicationStore.Row app, DeliveryStore.Row chosen, boolean masked) {
        List<HallSummary> halls = halls(app);
        Guide guide = guide(app);
        ProcessStore.CaseRow c = processes.findCase(app.id()).orElse(null);
        TaskRow open = c == null ? null : openDeliveryTask(app.id());
        boolean delivered = chosen != null && chosen.delivered();
        DeliveryView.Stage stage = delivered ? DeliveryView.Stage.DELIVERED
                : open != null ? DeliveryView.Stage.READY : DeliveryView.Stage.WAITING;
        boolean closed = app.status() == ApplicationStatus.WITHDRAWN || app.status() == ApplicationStatus.NOT_ACCEPTED
                || c != null && "COMPLETED".equals(c.state());
        DeliveryStore.MailAddress mail = chosen == null ? null : chosen.mail();
        String divisionName = mail == null ? null : organization.findDivision(DivisionCode.of(mail.division()))
                .map(d -> d.fullName() == null ? d.name() : d.fullName()).orElse(mail.division());
        List<DeliveryView.HallOption> hallOptions = halls.stream().map(h -> {
            HallSummary.Window w = deliveryWindow(h);
            return new DeliveryView.HallOption(h.id(), h.name(), h.address(), h.openingHours(),
                    w == null ? null : w.number(), w == null ? null : w.name());
        }).toList();
        DeliveryMethod method = chosen == null ? DeliveryMethod.ONLINE : DeliveryMethod.valueOf(chosen.method());
        return new DeliveryView(app.id(), app.caseNumber(), chosen != null, method, options(guide, halls),
                suggested(guide, halls), hallOptions, chosen == null ? null : chosen.pickup(),
                mail == null ? null : masked ? maskName(mail.recipient()) : mail.recipient(),
                mail == null ? null : masked ? new PhoneNumber(mail.mobile()).masked() : mail.mobile(),
                mail == null ? null : mail.division(), divisionName,
                mail == null ? null : masked ? maskDetail(mail.detail()) : mail.detail(), masked, stage,
                !delivered && !closed, open == null ? null : open.id(), chosen == null ? null : chosen.confirmation(),
                chosen == null ? null : chosen.carrier(), chosen == null ? null : chosen.trackingNumber(),
                chosen == null ? null : chosen.postedOn(), chosen == null ? null : chosen.collectorName(),
                chosen != null && Boolean.TRUE.equals(chosen.collectorAgent()),
                chosen == null || chosen.collectorIdNumber() == null ? null : maskId(chosen.collectorIdNumber()),
                chosen == null ? null : chosen.deliveredAt(), chosen == null ? null : chosen.deliveredByName(),
                c == null ? null : c.completedAt());
    }

    static String maskName(String name) {
        return name == null || name.length() < 2 ? name : name.charAt(0) + "*".repeat(name.length() - 1);
    }

    /** The street detail with only its beginning: enough to tell addresses apart, not to find the door. */
    static String maskDetail(String detail) {
        if (detail == null) {
            return null;
        }
        int shown = Math.min(4, detail.length() / 2);
        return detail.substring(0, shown) + "****";
    }

    private static String maskId(String id) {
        return id.length() < 8 ? "****" : id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(
                id.length() - 4);
    }

    // --- helpers

    private TaskRow openDeliveryTask(UUID applicationId) {
        return processes.openTasks(applicationId).stream().filter(CaseProcessing::deliveryStep).findFirst()
                .orElse(null);
    }

    private ApplicationStore.Row own(SignedIn who, UUID applicationId) {
        if (who == null) {
            throw new CaseRefusedException(CaseRefusedException.Reason.SIGN_IN, "cases.signin.required");
        }
        return applications.find(applicationId).filter(a -> a.applicantAccount().equals(who.accountId()))
                .orElseThrow(() -> new NotFoundException("cases.application.not-found", applicationId));
    }

    private TaskRow visibleTask(SignedIn officer, UUID taskId) {
        if (officer == null || !officer.staff() || officer.staffBody() == null) {
            throw CaseRefusedException.forbidden("cases.task.officers-only");
        }
        return processes.findTask(taskId).filter(t -> t.bodyId().equals(officer.staffBody()))
                .orElseThrow(() -> new NotFoundException("cases.task.not-found", taskId));
    }

    /**
     * The halls where the item's body hands out results: its own, and the government service centres of its division
     * (一窗受理: the centre's delivery window serves every body of the division).
     */
    private List<HallSummary> halls(ApplicationStore.Row app) {
        java.util.Map<UUID, HallSummary> halls = new java.util.LinkedHashMap<>();
        organization.hallsOf(app.bodyId()).forEach(h -> halls.put(h.id(), h));
        String division = organization.body(app.bodyId()).divisionCode();
        organization.hallsIn(DivisionCode.of(division)).forEach(h -> halls.putIfAbsent(h.id(), h));
        return List.copyOf(halls.values());
    }

    private Guide guide(ApplicationStore.Row app) {
        return catalog.item(ImplementationCode.of(app.itemCode()), app.itemVersion()).guide();
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
