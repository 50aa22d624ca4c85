package org.tongban.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.internal.ApplicationStore;
import org.tongban.cases.internal.DecisionNumbers;
import org.tongban.cases.internal.DeliveryStore;
import org.tongban.cases.internal.ProcessDefinitions;
import org.tongban.cases.internal.ProcessStore;
import org.tongban.cases.internal.ProcessStore.CaseRow;
import org.tongban.cases.internal.PublishedGuides;
import org.tongban.cases.internal.ProcessStore.TaskRow;
import org.tongban.catalog.Catalog;
import org.tongban.catalog.Guide;
import org.tongban.catalog.ImplementationCode;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffDirectory;
import org.tongban.identity.StaffRole;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.platform.calendar.WorkingDays;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;

/**
 * The case processing engine (办理): after acceptance a case runs through the nodes of its item's process definition
 * (the version it started with); each open task is a token in one body for one role. Every action is one transaction
 * that locks the case row and names the task version it was taken on, so of two officers acting on the same task
 * exactly one succeeds and parallel branches join exactly once; each is recorded as an immutable step and audited.
 * An officer of the task's body may claim an open task (认领) and the body's approver may assign it to a named officer
 * (分派); while someone holds a task nobody else acts on it.
 *
 * <p>Clocks (DOMAIN §4): the limit runs in working days from acceptance (行政许可法 Art. 82); joint handling has 45
 * working days (Art. 26, 42 para. 2); special procedures are not counted (Art. 45); the head of the body may extend
 * once by 10 working days (15 for joint handling, Art. 42); the licence is made within 10 working days of the
 * decision (Art. 44).
 */
@Service
public class CaseProcessing {

    /** 行政许可法 Art. 42 para. 1: 20 working days when the guide states no legal limit. */
    static final int ORDINARY_LIMIT = 20;
    /** 行政许可法 Art. 42 para. 2: unified, joint or concentrated handling. */
    static final int JOINT_LIMIT = 45;
    static final int ORDINARY_EXTENSION = 10;
    static final int JOINT_EXTENSION = 15;

    private static final Set<TaskAction> NEEDS_OPINION = EnumSet.of(TaskAction.REJECT, TaskAction.RETURN,
            TaskAction.REFUSE, TaskAction.SPECIAL_START, TaskAction.EXTENSION_REQUEST);

    private final ProcessStore store;
    private final ProcessDefinitions definitions;
    private final ApplicationStore applications;
    private final Applications applicationViews;
    private final Catalog catalog;
    private final Organization organization;
    private final WorkingDays workingDays;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final DecisionNumbers decisionNumbers;
    private final StaffDirectory staffDirectory;
    private final DeliveryStore deliveries;
    private final PublishedGuides guides;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    CaseProcessing(ProcessStore store, ProcessDefinitions definitions, ApplicationStore applications,
            Applications applicationViews, Catalog catalog, Organization organization, WorkingDays workingDays,
            TransactionTemplate transactions, AuditTrail audit, ApplicationEventPublisher events, JdbcClient jdbc,
            DecisionNumbers decisionNumbers, StaffDirectory staffDirectory, DeliveryStore deliveries,
            PublishedGuides guides) {
        this(store, definitions, applications, applicationViews, catalog, organization, workingDays, transactions,
                audit, events, jdbc, decisionNumbers, staffDirectory, deliveries, guides, Clock.systemUTC());
    }

    private CaseProcessing(ProcessStore store, ProcessDefinitions definitions, ApplicationStore applications,
            Applications applicationViews, Catalog catalog, Organization organization, WorkingDays workingDays,
            TransactionTemplate transactions, AuditTrail audit, ApplicationEventPublisher events, JdbcClient jdbc,
            DecisionNumbers decisionNumbers, StaffDirectory staffDirectory, DeliveryStore deliveries,
            PublishedGuides guides, Clock clock) {
        this.deliveries = deliveries;
        this.guides = guides;
        this.store = store;
        this.definitions = definitions;
        this.applications = applications;
        this.applicationViews = applicationViews;
        this.catalog = catalog;
        this.organization = organization;
        this.workingDays = workingDays;
        this.transactions = transactions;
        this.audit = audit;
        this.events = events;
        this.jdbc = jdbc;
        this.decisionNumbers = decisionNumbers;
        this.staffDirectory = staffDirectory;
        this.clock = clock;
    }

    /** The same engine reading time from {@code clock} (tests of the legal clock). */
    public CaseProcessing withClock(Clock clock) {
        return new CaseProcessing(store, definitions, applications, applicationViews.withClock(clock), catalog,
                organization, workingDays, transactions, audit, events, jdbc, decisionNumbers, staffDirectory, deliveries,
                guides, clock);
    }

    // --- start

    /**
     * Starts handling of an accepted application in the caller's transaction: the case with its clocks, and the
     * first tasks of the item's current process definition.
     */
    void start(UUID applicationId, LocalDate acceptedOn, boolean byLaw) {
        ApplicationStore.Row app = applications.find(applicationId).orElseThrow();
        if (store.findCase(applicationId).isPresent()) {
            return;
        }
        // The item's definition, derived from its catalogue entry only the first time; the version's guide.
        ProcessDefinition definition = definitions.latest(app.itemCode()).orElseGet(() -> definitions.current(
                catalog.item(ImplementationCode.of(app.itemCode()), app.itemVersion())));
        Guide guide = guides.of(app.itemCode(), app.itemVersion());
        boolean immediate = guide.handling() == Guide.Handling.IMMEDIATE;
        int legalDays = definition.joint() ? Math.max(JOINT_LIMIT, days(guide.legalLimit(), 0))
                : days(guide.legalLimit(), ORDINARY_LIMIT);
        int promisedDays = immediate ? 0 : Math.min(legalDays, days(guide.promisedLimit(), legalDays));
        if (!immediate && promisedDays == 0) {
            promisedDays = legalDays;
        }
        Guide.DayKind kind = guide.promisedLimit() == null ? Guide.DayKind.WORKING : guide.promisedLimit().kind();
        LocalDate due = add(acceptedOn, promisedDays, kind);
        LocalDate legalDue = add(acceptedOn, legalDays, guide.legalLimit() == null ? Guide.DayKind.WORKING
                : guide.legalLimit().kind());
        store.insertCase(applicationId, app.itemCode(), definition.version(), definition.joint(), acceptedOn,
                kind.name(), promisedDays, due, legalDue);
        Instant now = clock.instant();
        store.addStep(applicationId, now, "PROCESS_STARTED", null, null, definition.name(), null, null);
        CaseRow row = store.findCase(applicationId).orElseThrow();
        activate(row, app, definition, definition.after(definition.start(), app.values()), acceptedOn, now);
        events.publishEvent(new CaseAccepted(applicationId, app.caseNumber(), app.itemCode(), app.bodyId(),
                app.applicantAccount(), acceptedOn, byLaw, due));
    }

    private static int days(Guide.TimeLimit limit, int otherwise) {
        return limit == null || limit.days() <= 0 ? otherwise : limit.days();
    }

    private LocalDate add(LocalDate from, int days, Guide.DayKind kind) {
        return kind == Guide.DayKind.NATURAL ? from.plusDays(days) : calendar().addWorkingDays(from, days);
    }

    private CaseCalendar calendar() {
        return new CaseCalendar(workingDays.calendar());
    }

    /** Puts tokens on {@code node}: one task, one per branch of a parallel block, or the case's completion. */
    private void activate(CaseRow c, ApplicationStore.Row app, ProcessDefinition definition,
            ProcessDefinition.Node node, LocalDate today, Instant now) {
        switch (node.kind()) {
            case START -> activate(c, app, definition, definition.after(node, app.values()), today, now);
            case TASK, DECISION -> {
                BodySummary body = actingBody(node.body(), app);
                LocalDate due = node.days() != null ? calendar().addWorkingDays(today, node.days())
                        : c.state().equals("RUNNING") ? c.dueOn() : calendar().addWorkingDays(today, 10);
                store.insertTask(newTask(app.id(), node, null, null, body, node.role(), now, today, due),
                        app.caseNumber(), app.itemCode());
            }
            case PARALLEL -> {
                UUID run = UUID.randomUUID();
                for (ProcessDefinition.Branch branch : node.branches()) {
                    BodySummary body = actingBody(branch.body(), app);
                    // Each branch has its own deadline, never beyond the case's own (行政许可法 Art. 26).
                    LocalDate due = calendar().addWorkingDays(today, branch.days());
                    if (due.isAfter(c.dueOn())) {
                        due = c.dueOn();
                    }
                    store.insertTask(newTask(app.id(), node, branch, run, body, branch.role(), now, today, due),
                            app.caseNumber(), app.itemCode());
                }
            }
            case END -> {
                store.complete(app.id(), now);
                store.addStep(app.id(), now, "COMPLETED", null, null, null, node.name(), null);
                CaseRow done = store.findCase(app.id()).orElseThrow();
                // Measured against the promised limit: the decision is what the limit is about (Art. 42).
                LocalDate measured = done.decidedOn() != null ? done.decidedOn() : today;
                boolean onTime = !measured.isAfter(done.dueOn());
                events.publishEvent(new CaseCompleted(app.id(), app.caseNumber(), app.itemCode(), app.bodyId(),
                        done.outcome(), now, onTime));
            }
        }
    }

    private static TaskRow newTask(UUID application, ProcessDefinition.Node node, ProcessDefinition.Branch branch,
            UUID run, BodySummary body, StaffRole role, Instant now, LocalDate today, LocalDate due) {
        return new TaskRow(UUID.randomUUID(), application, node.id(), node.name(), node.kind().name(),
                branch == null ? null : branch.id(), branch == null ? null : branch.name(), run, body.id(),
                body.name(), role.name(), "OPEN", now, today, due, null, 0, null, null, null, null, null, 0, null, null,
                null);
    }

    /**
     * The body that acts on a node: {@code ITEM}, the item's body; a category, the body of that category in the same
     * division (both kept by the organization module, so a parallel block's branches cost no further reads).
     */
    private BodySummary actingBody(String spec, ApplicationStore.Row app) {
        BodySummary own = organization.body(app.bodyId());
        if ("ITEM".equals(spec)) {
            return own;
        }
        BodyCategory category = BodyCategory.valueOf(spec);
        return organization.bodiesIn(DivisionCode.of(own.divisionCode())).stream()
                .filter(b -> b.category() == category).findFirst()
                .orElseThrow(() -> CaseRefusedException.rule("cases.process.no-body", category.name(),
                        own.divisionName()));
    }

    // --- officers

    /** Input of an action; which parts are needed depends on the action. */
    public record ActionInput(String opinion, String returnTo, SpecialProcedureKind specialKind, String legalBasis,
            String remedy) {

        public static ActionInput opinion(String opinion) {
            return new ActionInput(opinion, null, null, null, null);
        }
    }

    /** The open tasks the officer's body and roles may act on, the most urgent first (paused ones last). */
    public List<TaskView> todo(SignedIn officer) {
        requireStaff(officer);
        return todo(officer, ProcessStore.TodoScope.ROLES, 0, MAX_TODO_PAGE).tasks();
    }

    /**
     * Which open tasks of the officer's body a to-do list shows: those the officer holds, those nobody holds yet
     * (of the officer's roles), or all of the body — for the body's leaders ({@link #leads}) every open task, as they
     * hand out work; for others those of their roles, whoever holds them.
     */
    public enum TodoFilter {
        MINE, UNCLAIMED, BODY
    }

    /** The to-do list with a filter, the most urgent first (paused ones last); each task shows its holder. */
    public List<TaskView> todo(SignedIn officer, TodoFilter filter) {
        return todo(officer, filter, 0, MAX_TODO_PAGE).tasks();
    }

    /** The largest page of a to-do list. */
    public static final int MAX_TODO_PAGE = 500;

    /** One page of a to-do list, and whether another page follows. */
    public record TodoPage(List<TaskView> tasks, int page, int size, boolean more) {
    }

    /**
     * A page of the to-do list (pages from 0), the most urgent first (paused ones last).
     *
     * @throws InvalidFieldException for a negative page or a size outside 1–{@value #MAX_TODO_PAGE}
     */
    public TodoPage todo(SignedIn officer, TodoFilter filter, int page, int size) {
        requireStaff(officer);
        if (page < 0 || page > 100_000) {
            throw new InvalidFieldException("page", new InvalidValueException("cases.tasks.page-invalid",
                    String.valueOf(page)));
        }
        if (size < 1 || size > MAX_TODO_PAGE) {
            throw new InvalidFieldException("size", new InvalidValueException("cases.tasks.size-invalid",
                    String.valueOf(size), MAX_TODO_PAGE));
        }
        return todo(officer, switch (filter == null ? TodoFilter.BODY : filter) {
            case MINE -> ProcessStore.TodoScope.HELD_BY;
            case UNCLAIMED -> ProcessStore.TodoScope.UNHELD;
            case BODY -> leads(officer) ? ProcessStore.TodoScope.EVERY : ProcessStore.TodoScope.ROLES;
        }, page, size);
    }

    private TodoPage todo(SignedIn officer, ProcessStore.TodoScope scope, int page, int size) {
        LocalDate today = today();
        // One row more than the page tells whether another page follows, without counting every open task.
        List<ProcessStore.Todo> rows = store.todo(officer.staffBody(),
                officer.roles().stream().map(Enum::name).toList(), scope, officer.accountId(), page * size, size + 1);
        return new TodoPage(rows.stream().limit(size)
                .map(t -> view(t.task(), t.caseNumber(), t.itemName(), t.applicantName(), today)).toList(),
                page, size, rows.size() > size);
    }

    // --- claim and assignment within the body (认领 / 分派)

    /**
     * Whether the officer leads work in their body: hands tasks to named colleagues, takes a task back from whoever
     * holds it. That is the approver (审批人员), the role that already acts as the head of the body (负责人) for
     * decisions and extensions (行政许可法 Art. 42); the other staff roles are not set over a body's officers
     * (supervisors watch from outside, administrators manage accounts, not work).
     */
    public static boolean leads(SignedIn officer) {
        return officer.staff() && officer.has(StaffRole.APPROVER);
    }

    /**
     * Claims an open task nobody holds: from now on only the officer acts on it. Claiming a task one holds already
     * changes nothing. Of two officers claiming at once exactly one gets it (the case row is locked and the claim is a
     * conditional update); the other is told who holds it.
     *
     * @throws CaseRefusedException {@code cases.task.held} (409) when another officer holds it,
     *         {@code cases.task.conflict} (409) when it is no longer open, {@code cases.task.role-required} (403)
     * @throws NotFoundException {@code cases.task.not-found} for a task of another body
     */
    public TaskView claim(SignedIn officer, UUID taskId) {
        TaskRow seen = visibleTask(officer, taskId);
        if (!officer.has(StaffRole.valueOf(seen.role()))) {
            throw CaseRefusedException.forbidden("cases.task.role-required", seen.role());
        }
        return transactions.execute(status -> {
            TaskRow task = lockedOpenTask(seen);
            if (officer.accountId().equals(task.holderId())) {
                return view(task);
            }
            if (task.holderId() != null) {
                throw CaseRefusedException.conflict("cases.task.held", task.holderName());
            }
            Instant now = clock.instant();
            if (!store.claim(taskId, officer.accountId(), officer.name(), now)) {
                throw CaseRefusedException.conflict("cases.task.held", store.findTask(taskId)
                        .map(TaskRow::holderName).orElse("—"));
            }
            recordHolding(task, "CLAIMED", officer, null, now);
            return view(store.findTask(taskId).orElseThrow());
        });
    }

    /**
     * Gives a held task back to the body's pool: by its holder, or by a leader of the body taking it back.
     *
     * @throws CaseRefusedException {@code cases.task.not-held} (409) when nobody holds it, {@code cases.task.held}
     *         (409) when another officer holds it, {@code cases.task.role-required} (403)
     */
    public TaskView release(SignedIn officer, UUID taskId) {
        TaskRow seen = visibleTask(officer, taskId);
        boolean leader = leads(officer);
        if (!leader && !officer.has(StaffRole.valueOf(seen.role()))) {
            throw CaseRefusedException.forbidden("cases.task.role-required", seen.role());
        }
        return transactions.execute(status -> {
            TaskRow task = lockedOpenTask(seen);
            if (task.holderId() == null) {
                throw CaseRefusedException.conflict("cases.task.not-held");
            }
            boolean own = task.holderId().equals(officer.accountId());
            if (!own && !leader) {
                throw CaseRefusedException.conflict("cases.task.held", task.holderName());
            }
            Instant now = clock.instant();
            if (!store.release(taskId, task.holderId())) {
                throw CaseRefusedException.conflict("cases.task.conflict");
            }
            recordHolding(task, "RELEASED", officer, own ? null : task.holderName(), now);
            return view(store.findTask(taskId).orElseThrow());
        });
    }

    /**
     * A leader of the task's body hands it to a named officer of the same body who holds the role the step needs
     * (分派), or to another one if someone holds it already (改派).
     *
     * @throws CaseRefusedException {@code cases.task.role-required} (403) unless the caller leads the body,
     *         {@code cases.task.assignee-invalid} (422) for anyone but an active officer of the body with the step's
     *         role, {@code cases.task.conflict} (409) when the task was closed or taken meanwhile
     */
    public TaskView assign(SignedIn leader, UUID taskId, UUID assignee) {
        TaskRow seen = visibleTask(leader, taskId);
        if (!leads(leader)) {
            throw CaseRefusedException.forbidden("cases.task.role-required", StaffRole.APPROVER.name());
        }
        TaskView.Assignee to = candidates(seen).stream().filter(a -> a.id().equals(assignee)).findFirst()
                .orElseThrow(() -> CaseRefusedException.rule("cases.task.assignee-invalid", seen.role()));
        return transactions.execute(status -> {
            TaskRow task = lockedOpenTask(seen);
            if (to.id().equals(task.holderId())) {
                return view(task);
            }
            Instant now = clock.instant();
            if (!store.assign(taskId, task.holderId(), to.id(), to.name(), now)) {
                throw CaseRefusedException.conflict("cases.task.conflict");
            }
            recordHolding(task, "ASSIGNED", leader, task.holderId() == null ? to.name()
                    : task.holderName() + " → " + to.name(), now);
            return view(store.findTask(taskId).orElseThrow());
        });
    }

    /**
     * The officers a leader may hand the task to: active staff of the task's body with the step's role.
     *
     * @throws CaseRefusedException {@code cases.task.role-required} (403) unless the caller leads the body
     */
    public List<TaskView.Assignee> assignees(SignedIn leader, UUID taskId) {
        TaskRow task = visibleTask(leader, taskId);
        if (!leads(leader)) {
            throw CaseRefusedException.forbidden("cases.task.role-required", StaffRole.APPROVER.name());
        }
        return candidates(task);
    }

    private List<TaskView.Assignee> candidates(TaskRow task) {
        StaffRole role = StaffRole.valueOf(task.role());
        return staffDirectory.activeStaff(task.bodyId()).stream().filter(c -> c.has(role))
                .map(c -> new TaskView.Assignee(c.id(), c.name())).toList();
    }

    /** The task re-read with its case row locked (claims and actions on one case run one after another). */
    private TaskRow lockedOpenTask(TaskRow seen) {
        store.lockCase(seen.applicationId()).orElseThrow();
        TaskRow task = store.findTask(seen.id()).orElseThrow();
        if (!"OPEN".equals(task.status())) {
            throw CaseRefusedException.conflict("cases.task.conflict");
        }
        return task;
    }

    /** Claims, releases and assignments are in the case's history and on the audit trail. */
    private void recordHolding(TaskRow task, String kind, SignedIn officer, String note, Instant now) {
        store.addStep(task.applicationId(), now, kind, officer.accountId(), officer.name(), note, label(task),
                task.bodyName());
        String caseNumber = applications.find(task.applicationId()).map(ApplicationStore.Row::caseNumber)
                .orElse(task.applicationId().toString());
        audit.record(new AuditTrail.Event("cases", "TASK_" + kind, officer.accountId(), officer.name(), "case",
                caseNumber, label(task) + " " + task.id() + (note == null ? "" : ": " + note)));
    }

    private TaskView view(TaskRow task) {
        ApplicationStore.Row app = applications.find(task.applicationId()).orElseThrow();
        return view(task, app.caseNumber(), app.itemName(), app.applicantName(), today());
    }

    /** Tasks the officer completed, latest first. */
    public List<TaskView> done(SignedIn officer) {
        requireStaff(officer);
        LocalDate today = today();
        return store.done(officer.accountId()).stream()
                .map(t -> view(t.task(), t.caseNumber(), t.itemName(), t.applicantName(), today)).toList();
    }

    /** Pending extension requests of cases of the officer's body, for its head (负责人) to decide. */
    public record PendingExtension(UUID applicationId, String caseNumber, String itemName, String reason, int days,
            String requestedBy, Instant requestedAt) {
    }

    public List<PendingExtension> pendingExtensions(SignedIn officer) {
        requireStaff(officer);
        if (!officer.has(StaffRole.APPROVER)) {
            return List.of();
        }
        return jdbc.sql("""
                select e.application_id, a.case_number, a.item_name, e.reason, e.days, e.requested_name,
                    e.requested_at
                from cases_extension e join cases_application a on a.id = e.application_id
                where e.status = 'PENDING' and a.body_id = ? order by e.requested_at""")
                .param(officer.staffBody())
                .query((rs, n) -> new PendingExtension(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }

    /**
     * A task with its case, for an officer of the task's body. Another body's task is answered as not found.
     */
    public TaskView.Detail task(SignedIn officer, UUID taskId) {
        TaskRow task = visibleTask(officer, taskId);
        ApplicationStore.Row app = applications.find(task.applicationId()).orElseThrow();
        CaseRow c = store.findCase(task.applicationId()).orElseThrow();
        ProcessDefinition definition = definitions.version(c.itemCode(), c.definitionVersion());
        ProcessDefinition.Node node = definition.node(task.nodeId()).orElseThrow();
        boolean open = "OPEN".equals(task.status());
        boolean heldByOther = task.holderId() != null && !task.holderId().equals(officer.accountId());
        boolean hasRole = officer.has(StaffRole.valueOf(task.role()));
        // A task another officer holds is theirs alone to act on.
        List<TaskAction> actions = open && hasRole && !heldByOther ? allowed(task, node, c) : List.of();
        List<TaskView.ReturnTarget> targets = node.returnTo().stream()
                .map(id -> new TaskView.ReturnTarget(id, definition.node(id).map(ProcessDefinition.Node::name)
                        .orElse(id)))
                .toList();
        String proposed = c.refusalProposed() && task.nodeKind().equals("DECISION") ? store.tasksOf(c.applicationId())
                .stream().filter(t -> "REJECT".equals(t.outcome()))
                .map(t -> (t.branchName() != null ? t.branchName() : t.nodeName()) + "（" + t.bodyName() + "）："
                        + t.opinion())
                .collect(Collectors.joining("\n")) : null;
        boolean leader = leads(officer);
        return new TaskView.Detail(view(task, app.caseNumber(), app.itemName(), app.applicantName(), today()),
                progress(c, app), applicationViews.view(app), actions, targets, proposed,
                open && hasRole && task.holderId() == null,
                open && task.holderId() != null && (!heldByOther || leader),
                open && leader ? candidates(task) : List.of());
    }

    /**
     * The process definition the case of a task follows — the version it started with — for the officers of a body
     * that handles it (drawn on the task page with the case's open steps).
     *
     * @throws NotFoundException {@code cases.task.not-found} for a task of another body
     */
    public ProcessDefinition definitionOf(SignedIn officer, UUID taskId) {
        TaskRow task = visibleTask(officer, taskId);
        CaseRow c = store.findCase(task.applicationId()).orElseThrow();
        return definitions.version(c.itemCode(), c.definitionVersion());
    }

    /** Materials of a case, for officers of a body that handles it. */
    public Applications.MaterialDownload material(SignedIn officer, UUID taskId, UUID material) {
        TaskRow task = visibleTask(officer, taskId);
        return applicationViews.download(task.applicationId(), material);
    }

    /**
     * Acts on a task: one transaction; the task must still be open at {@code version}.
     *
     * @throws CaseRefusedException {@code cases.task.conflict} (409) when someone acted first,
     *         {@code cases.task.action-not-allowed} (422) for an action the node does not offer,
     *         {@code cases.task.opinion-missing} (422), {@code cases.task.role-required} (403)
     * @throws NotFoundException {@code cases.task.not-found} for a task of another body
     */
    public void act(SignedIn officer, UUID taskId, long version, TaskAction action, ActionInput input) {
        TaskRow seen = visibleTask(officer, taskId);
        if (!officer.has(StaffRole.valueOf(seen.role()))) {
            throw CaseRefusedException.forbidden("cases.task.role-required", seen.role());
        }
        ActionInput in = input == null ? ActionInput.opinion(null) : input;
        String opinion = in.opinion() == null ? null : in.opinion().strip();
        if (NEEDS_OPINION.contains(action) && (opinion == null || opinion.isEmpty())) {
            throw CaseRefusedException.rule("cases.task.opinion-missing");
        }
        if (opinion != null && opinion.length() > 2000) {
            throw CaseRefusedException.rule("cases.task.opinion-too-long", 2000);
        }
        transactions.executeWithoutResult(status -> {
            CaseRow c = store.lockCase(seen.applicationId()).orElseThrow();
            TaskRow task = store.findTask(taskId).orElseThrow();
            if (!"OPEN".equals(task.status()) || task.version() != version) {
                throw CaseRefusedException.conflict("cases.task.conflict");
            }
            if (task.holderId() != null && !task.holderId().equals(officer.accountId())) {
                throw CaseRefusedException.conflict("cases.task.held", task.holderName());
            }
            ApplicationStore.Row app = applications.find(task.applicationId()).orElseThrow();
            ProcessDefinition definition = definitions.version(c.itemCode(), c.definitionVersion());
            ProcessDefinition.Node node = definition.node(task.nodeId()).orElseThrow();
            if (!allowed(task, node, c).contains(action)) {
                throw CaseRefusedException.rule("cases.task.action-not-allowed", action.name());
            }
            Instant now = clock.instant();
            LocalDate today = LocalDate.ofInstant(now, Applications.ZONE);
            String detail = switch (action) {
                case APPROVE, REJECT -> complete(c, app, definition, node, task, action, opinion, officer, today, now);
                case RETURN -> sendBack(c, app, definition, node, task, in.returnTo(), opinion, officer, today, now);
                case GRANT, REFUSE -> decide(c, app, definition, node, task, action, opinion, in, officer, today,
                        now);
                case SPECIAL_START -> startSpecial(c, app, task, in.specialKind(), opinion, officer, today, now);
                case SPECIAL_END -> endSpecial(c, app, task, opinion, officer, today, now);
                case EXTENSION_REQUEST -> requestExtension(c, app, task, opinion, officer, now);
            };
            store.touchCase(c.applicationId());
            audit.record(new AuditTrail.Event("cases", "TASK_" + action.name(), officer.accountId(), officer.name(),
                    "case", app.caseNumber(), task.nodeName() + (task.branchName() == null ? "" : "/"
                            + task.branchName()) + (detail == null ? "" : ": " + detail)));
        });
    }

    private String complete(CaseRow c, ApplicationStore.Row app, ProcessDefinition definition,
            ProcessDefinition.Node node, TaskRow task, TaskAction action, String opinion, SignedIn officer,
            LocalDate today, Instant now) {
        String text = opinion == null || opinion.isEmpty() ? null : opinion;
        if (action == TaskAction.APPROVE && deliveryStep(task)) {
            confirmOnlineDelivery(app, officer, now);
        }
        close(task, app, action, text, officer, now);
        if (task.blockRun() != null) {
            // 并联: the block joins when its last branch is done; any branch's refusal makes the decision a refusal.
            List<TaskRow> branches = store.branchesOf(task.blockRun());
            if (branches.stream().noneMatch(t -> "OPEN".equals(t.status()))) {
                if (branches.stream().anyMatch(t -> "REJECT".equals(t.outcome()))) {
                    store.setRefusalProposed(c.applicationId(), true);
                }
                store.addStep(app.id(), now, "JOINED", null, null, null, node.name(), null);
                activate(store.findCase(c.applicationId()).orElseThrow(), app, definition,
                        definition.after(node, app.values()), today, now);
            }
            return text;
        }
        if (action == TaskAction.REJECT) {
            store.setRefusalProposed(c.applicationId(), true);
            ProcessDefinition.Node decision = definition.nodes().stream()
                    .filter(n -> n.kind() == ProcessDefinition.Kind.DECISION).findFirst().orElseThrow();
            activate(c, app, definition, decision, today, now);
        } else {
            activate(store.findCase(c.applicationId()).orElseThrow(), app, definition,
                    definition.after(node, app.values()), today, now);
        }
        return text;
    }

    private String sendBack(CaseRow c, ApplicationStore.Row app, ProcessDefinition definition,
            ProcessDefinition.Node node, TaskRow task, String target, String opinion, SignedIn officer,
            LocalDate today, Instant now) {
        if (target == null || !node.returnTo().contains(target)) {
            throw CaseRefusedException.rule("cases.task.return-target", target == null ? "" : target);
        }
        close(task, app, TaskAction.RETURN, opinion, officer, now);
        events.publishEvent(new CaseReturned(task.applicationId(), app.caseNumber(), task.id(), task.nodeId(), target,
                task.bodyId(), officer.accountId()));
        store.setRefusalProposed(c.applicationId(), false);
        activate(store.findCase(c.applicationId()).orElseThrow(), app, definition, definition.node(target)
                .orElseThrow(), today, now);
        return opinion;
    }

    private String decide(CaseRow c, ApplicationStore.Row app, ProcessDefinition definition,
            ProcessDefinition.Node node, TaskRow task, TaskAction action, String opinion, ActionInput in,
            SignedIn officer, LocalDate today, Instant now) {
        boolean grant = action == TaskAction.GRANT;
        String remedy = in.remedy() == null ? null : in.remedy().strip();
        String basis = in.legalBasis() == null ? null : in.legalBasis().strip();
        if (!grant && (remedy == null || remedy.isEmpty())) {
            // 行政许可法 Art. 38 para. 2: a refusal states its reasons and the right to reconsideration or litigation.
            throw CaseRefusedException.rule("cases.decision.remedy-missing");
        }
        close(task, app, action, opinion == null || opinion.isEmpty() ? null : opinion, officer, now);
        // 文号: the deciding body's next number for the year, drawn inside this transaction (gap-free: a decision
        // that rolls back gives it back). The decision document (Art. 38) is issued under this number.
        DecisionNumbers.Assigned assigned = decisionNumbers.next(organization.body(task.bodyId()), today.getYear());
        String number = assigned.number();
        store.decide(c.applicationId(), grant ? "GRANTED" : "REFUSED", assigned, opinion, basis,
                grant ? null : remedy, today, now, officer.accountId());
        store.addStep(app.id(), now, grant ? "DECIDED_GRANTED" : "DECIDED_REFUSED", officer.accountId(),
                officer.name(), grant ? number : number + "：" + opinion, node.name(), task.bodyName());
        Guide.Result result = guides.of(app.itemCode(), app.itemVersion()).result();
        events.publishEvent(new CaseDecided(app.id(), app.caseNumber(), app.itemCode(), app.bodyId(), app.bodyName(),
                app.applicantAccount(), app.applicantName(), app.companyAccount(), app.companyCreditCode(),
                grant ? "GRANTED" : "REFUSED", number, today, result == null ? null : result.type().name(),
                result == null ? null : result.name()));
        String nextId = grant || node.refusedNext() == null ? node.next() : node.refusedNext();
        activate(store.findCase(c.applicationId()).orElseThrow(), app, definition,
                definition.node(nextId).orElseThrow(), today, now);
        return number;
    }

    private String startSpecial(CaseRow c, ApplicationStore.Row app, TaskRow task, SpecialProcedureKind kind,
            String reason, SignedIn officer, LocalDate today, Instant now) {
        if (kind == null) {
            throw CaseRefusedException.rule("cases.special.kind-missing");
        }
        touchTask(task, officer);
        store.startSpecial(app.id(), task.id(), kind.name(), reason, today, officer.accountId(), now);
        store.pauseTask(task.id(), today);
        store.pauseCase(app.id(), today);
        // Art. 45: the applicant is told in writing; the step is in their timeline with the reason.
        store.addStep(app.id(), now, "SPECIAL_START", officer.accountId(), officer.name(),
                kind.name() + "：" + reason, label(task), task.bodyName());
        events.publishEvent(new CaseSuspended(app.id(), app.caseNumber(), task.id(), kind.name(), today, null, 0));
        return kind.name();
    }

    private String endSpecial(CaseRow c, ApplicationStore.Row app, TaskRow task, String result, SignedIn officer,
            LocalDate today, Instant now) {
        ProcessStore.SpecialProcedure special = store.openSpecial(task.id()).orElseThrow();
        touchTask(task, officer);
        // Art. 45: the working days after the start up to and including the end are not counted.
        int excluded = calendar().workingDaysBetween(special.startedOn(), today);
        store.endSpecial(special.id(), today, result, excluded);
        store.resumeTask(task.id(), calendar().addWorkingDays(task.dueOn(), excluded), excluded);
        if (store.openSpecialCount(app.id()) == 0 && c.pausedSince() != null) {
            int caseExcluded = calendar().workingDaysBetween(c.pausedSince(), today);
            Guide.DayKind kind = Guide.DayKind.valueOf(c.dayKind());
            int naturalOrWorking = kind == Guide.DayKind.NATURAL
                    ? (int) java.time.temporal.ChronoUnit.DAYS.between(c.pausedSince(), today) : caseExcluded;
            store.moveCaseDeadlines(app.id(), add(c.dueOn(), naturalOrWorking, kind),
                    calendar().addWorkingDays(c.legalDueOn(), caseExcluded), naturalOrWorking, 0, true);
        }
        store.addStep(app.id(), now, "SPECIAL_END", officer.accountId(), officer.name(),
                special.kind() + (result == null || result.isEmpty() ? "" : "：" + result), label(task),
                task.bodyName());
        events.publishEvent(new CaseSuspended(app.id(), app.caseNumber(), task.id(), special.kind(),
                special.startedOn(), today, excluded));
        return special.kind() + " +" + excluded;
    }

    private String requestExtension(CaseRow c, ApplicationStore.Row app, TaskRow task, String reason,
            SignedIn officer, Instant now) {
        int days = c.joint() ? JOINT_EXTENSION : ORDINARY_EXTENSION;
        if (!store.requestExtension(app.id(), reason, days, officer.accountId(), officer.name(), now)) {
            throw CaseRefusedException.conflict("cases.extension.once");
        }
        touchTask(task, officer);
        store.addStep(app.id(), now, "EXTENSION_REQUESTED", officer.accountId(), officer.name(), reason,
                label(task), task.bodyName());
        return reason;
    }

    /**
     * The head of the item's body (负责人, an approver) approves or refuses the extension: once, 10 working days (15
     * for joint handling), the reason told to the applicant (行政许可法 Art. 42).
     */
    public void decideExtension(SignedIn head, UUID applicationId, boolean approve) {
        requireStaff(head);
        ApplicationStore.Row app = applications.find(applicationId)
                .filter(a -> a.bodyId().equals(head.staffBody()))
                .orElseThrow(() -> new NotFoundException("cases.case.not-found", applicationId));
        if (!head.has(StaffRole.APPROVER)) {
            throw CaseRefusedException.forbidden("cases.task.role-required", StaffRole.APPROVER.name());
        }
        transactions.executeWithoutResult(status -> {
            CaseRow c = store.lockCase(applicationId)
                    .orElseThrow(() -> new NotFoundException("cases.case.not-found", applicationId));
            ProcessStore.Extension extension = store.extension(applicationId)
                    .filter(e -> "PENDING".equals(e.status()))
                    .orElseThrow(() -> CaseRefusedException.conflict("cases.extension.none-pending"));
            Instant now = clock.instant();
            store.decideExtension(extension.id(), approve ? "APPROVED" : "REFUSED", head.accountId(), now);
            if (approve) {
                Guide.DayKind kind = Guide.DayKind.valueOf(c.dayKind());
                store.moveCaseDeadlines(applicationId, add(c.dueOn(), extension.days(), kind),
                        calendar().addWorkingDays(c.legalDueOn(), extension.days()), 0, extension.days(), false);
                for (TaskRow open : store.openTasks(applicationId)) {
                    store.moveTaskDue(open.id(), calendar().addWorkingDays(open.dueOn(), extension.days()));
                }
            }
            store.addStep(applicationId, now, approve ? "EXTENSION_APPROVED" : "EXTENSION_REFUSED",
                    head.accountId(), head.name(), extension.reason(), null, app.bodyName());
            store.touchCase(applicationId);
            audit.record(new AuditTrail.Event("cases", approve ? "EXTENSION_APPROVED" : "EXTENSION_REFUSED",
                    head.accountId(), head.name(), "case", app.caseNumber(), extension.days() + " days"));
        });
    }

    /** The actions the node offers for this task now. */
    private static List<TaskAction> allowed(TaskRow task, ProcessDefinition.Node node, CaseRow c) {
        if (task.pausedSince() != null) {
            return List.of(TaskAction.SPECIAL_END);
        }
        List<TaskAction> actions = new ArrayList<>();
        boolean running = "RUNNING".equals(c.state());
        switch (node.kind()) {
            case PARALLEL -> actions.addAll(List.of(TaskAction.APPROVE, TaskAction.REJECT));
            case DECISION -> {
                if (!c.refusalProposed()) {
                    actions.add(TaskAction.GRANT);
                }
                actions.add(TaskAction.REFUSE);
            }
            case TASK -> {
                actions.add(TaskAction.APPROVE);
                if (running) {
                    actions.add(TaskAction.REJECT);
                }
            }
            default -> {
            }
        }
        if (!node.returnTo().isEmpty()) {
            actions.add(TaskAction.RETURN);
        }
        if (running) {
            actions.add(TaskAction.SPECIAL_START);
            actions.add(TaskAction.EXTENSION_REQUEST);
        }
        return actions;
    }

    private void touchTask(TaskRow task, SignedIn officer) {
        if (!store.touchTask(task.id(), task.version(), officer.accountId())) {
            throw CaseRefusedException.conflict("cases.task.conflict");
        }
    }

    private void close(TaskRow task, ApplicationStore.Row app, TaskAction action, String opinion, SignedIn officer,
            Instant now) {
        if (!store.completeTask(task.id(), task.version(), "DONE", action.name(), opinion, officer.accountId(),
                officer.name(), now)) {
            throw CaseRefusedException.conflict("cases.task.conflict");
        }
        store.addStep(task.applicationId(), now, "TASK_" + action.name(), officer.accountId(), officer.name(),
                opinion, label(task), task.bodyName());
        events.publishEvent(new CaseStepCompleted(task.applicationId(), app.caseNumber(), task.id(), task.nodeId(),
                task.branchId(), task.bodyId(), action.name(), officer.accountId()));
    }

    private static String label(TaskRow task) {
        return task.branchName() == null ? task.nodeName() : task.nodeName() + "·" + task.branchName();
    }

    private TaskRow visibleTask(SignedIn officer, UUID taskId) {
        requireStaff(officer);
        return store.findTask(taskId).filter(t -> t.bodyId().equals(officer.staffBody()))
                .orElseThrow(() -> new NotFoundException("cases.task.not-found", taskId));
    }

    private static void requireStaff(SignedIn officer) {
        if (officer == null || !officer.staff() || officer.staffBody() == null) {
            throw CaseRefusedException.forbidden("cases.task.officers-only");
        }
    }

    // --- delivery (送达)

    /** Whether a task is the delivery step (送达) of its process: by the standard node id, or by its name. */
    static boolean deliveryStep(TaskRow task) {
        return "deliver".equals(task.nodeId()) || "送达".equals(task.nodeName());
    }

    /**
     * Approving the delivery step is the officer's confirmation of an online delivery (电子送达); a result to be
     * posted or collected is delivered by recording the posting or the collection ({@link CaseDelivery}) instead.
     */
    private void confirmOnlineDelivery(ApplicationStore.Row app, SignedIn officer, Instant now) {
        DeliveryStore.Row chosen = deliveries.find(app.id()).orElse(null);
        if (chosen != null && !DeliveryMethod.ONLINE.name().equals(chosen.method())) {
            throw CaseRefusedException.rule("cases.delivery.record-first", chosen.method());
        }
        deliveries.ensureDefault(app.id(), app.applicantAccount(), now);
        if (!deliveries.markDelivered(app.id(), DeliveryMethod.ONLINE.name(),
                new DeliveryStore.Delivery("CONFIRMED", null, null, null, null, null, null), officer.accountId(),
                officer.name(), now)) {
            throw CaseRefusedException.conflict("cases.delivery.changed");
        }
        store.addStep(app.id(), now, "DELIVERED", officer.accountId(), officer.name(), DeliveryMethod.ONLINE.name(),
                null, null);
        events.publishEvent(new CaseDelivered(app.id(), app.caseNumber(), DeliveryMethod.ONLINE, "CONFIRMED", null,
                now));
    }

    /**
     * Closes the open delivery task as done and moves the case on (办结), in the caller's transaction, which holds the
     * case row locked and has recorded the delivery. The applicant opening the result online closes it whoever holds
     * it ({@code anyHolder}); an officer only when nobody else holds it.
     */
    void completeDelivery(TaskRow task, SignedIn actor, boolean anyHolder, String note, Instant now) {
        if (!store.completeTaskAs(task.id(), task.version(), TaskAction.APPROVE.name(), note, actor.accountId(),
                actor.name(), now, anyHolder)) {
            throw CaseRefusedException.conflict("cases.task.conflict");
        }
        store.addStep(task.applicationId(), now, "TASK_" + TaskAction.APPROVE.name(), actor.accountId(), actor.name(),
                note, label(task), task.bodyName());
        ApplicationStore.Row app = applications.find(task.applicationId()).orElseThrow();
        events.publishEvent(new CaseStepCompleted(task.applicationId(), app.caseNumber(), task.id(), task.nodeId(),
                task.branchId(), task.bodyId(), TaskAction.APPROVE.name(), actor.accountId()));
        CaseRow c = store.findCase(task.applicationId()).orElseThrow();
        ProcessDefinition definition = definitions.version(c.itemCode(), c.definitionVersion());
        ProcessDefinition.Node node = definition.node(task.nodeId()).orElseThrow();
        activate(c, app, definition, definition.after(node, app.values()),
                LocalDate.ofInstant(now, Applications.ZONE), now);
        store.touchCase(task.applicationId());
    }

    Instant now() {
        return clock.instant();
    }

    // --- progress

    /** The handling of the applicant's own case, or {@code null} before acceptance. */
    public CaseProgress progress(SignedIn applicant, UUID applicationId) {
        ApplicationStore.Row app = applications.find(applicationId)
                .filter(a -> a.applicantAccount().equals(applicant.accountId()))
                .orElseThrow(() -> new NotFoundException("cases.application.not-found", applicationId));
        return store.findCase(applicationId).map(c -> progress(c, app)).orElse(null);
    }

    private CaseProgress progress(CaseRow c, ApplicationStore.Row app) {
        LocalDate today = today();
        List<TaskView> tasks = store.tasksOf(c.applicationId()).stream()
                .map(t -> view(t, app.caseNumber(), app.itemName(), app.applicantName(), today)).toList();
        Map<UUID, TaskView> byId = tasks.stream().collect(Collectors.toMap(TaskView::id, t -> t));
        List<CaseProgress.Special> specials = store.specials(c.applicationId()).stream()
                .map(s -> new CaseProgress.Special(s.kind(), s.reason(), s.startedOn(), s.endedOn(), s.result(),
                        s.excludedDays(), byId.containsKey(s.taskId()) ? byId.get(s.taskId()).nodeName() + (byId
                                .get(s.taskId()).branchName() == null ? "" : "·" + byId.get(s.taskId()).branchName())
                                : null,
                        byId.containsKey(s.taskId()) ? byId.get(s.taskId()).bodyName() : null))
                .toList();
        CaseProgress.Extension extension = store.extension(c.applicationId())
                .map(e -> new CaseProgress.Extension(e.id(), e.reason(), e.days(), e.requestedName(), e.requestedAt(),
                        e.status()))
                .orElse(null);
        boolean paused = c.pausedSince() != null;
        return new CaseProgress(c.applicationId(), c.state(), c.joint(), c.acceptedOn(), c.dueOn(), c.legalDueOn(),
                remaining(paused ? c.pausedSince() : today, c.dueOn()), paused, c.pausedDays(), c.extensionDays(),
                tasks.stream().filter(t -> "OPEN".equals(t.status())).toList(), tasks, specials, extension,
                c.outcome(), c.decisionNumber(), c.decisionReason(), c.legalBasis(), c.legalRemedy(), c.decidedOn(),
                c.completedAt(), calendar().provisional(c.dueOn()) || calendar().provisional(c.legalDueOn()));
    }

    private TaskView view(TaskRow t, String caseNumber, String itemName, String applicantName, LocalDate today) {
        boolean paused = t.pausedSince() != null;
        return new TaskView(t.id(), t.applicationId(), caseNumber, itemName, applicantName, t.nodeId(), t.nodeName(),
                t.nodeKind(), t.branchName(), t.bodyId(), t.bodyName(), t.role(), t.status(), t.createdAt(),
                t.dueOn(), remaining(paused ? t.pausedSince() : today, t.dueOn()), paused, t.outcome(), t.opinion(),
                t.actedByName(), t.completedAt(), t.version(), t.holderId(), t.holderName(), t.heldSince());
    }

    /** Working days left after {@code today} up to {@code due}; negative when {@code due} has passed. */
    int remaining(LocalDate today, LocalDate due) {
        return due.isBefore(today) ? -calendar().workingDaysBetween(due, today)
                : calendar().workingDaysBetween(today, due);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Applications.ZONE);
    }
}
