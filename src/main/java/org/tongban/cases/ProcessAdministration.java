package org.tongban.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.internal.ProcessDefinitions;
import org.tongban.catalog.Catalog;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.ItemDetail;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.NotFoundException;

/**
 * Catalogue administrators read and publish the process definition of an implementation item. A new version is
 * published only when it passes {@link ProcessDefinition#problems()} (an end is reachable, no dead ends, every step
 * names a body and a role); running cases keep the version they started with.
 */
@Service
public class ProcessAdministration {

    private final ProcessDefinitions definitions;
    private final Catalog catalog;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Organization organization;

    ProcessAdministration(ProcessDefinitions definitions, Catalog catalog, TransactionTemplate transactions,
            AuditTrail audit, Organization organization) {
        this.definitions = definitions;
        this.catalog = catalog;
        this.transactions = transactions;
        this.audit = audit;
        this.organization = organization;
    }

    /** What an administrator submits: the definition without item code and version. */
    public record Draft(String name, boolean joint, List<ProcessDefinition.Node> nodes) {
    }

    /**
     * One published version of an item's definition.
     *
     * @param derived stored on first use from a template or the guide, not published by anybody
     * @param publishedBy the name of the administrator who published it; {@code null} for a derived version
     * @param openCases cases that started on this version and are not completed: they keep it to the end
     */
    public record Version(int version, String name, boolean derived, Instant publishedAt, String publishedBy,
            int openCases) {
    }

    /**
     * What an administrator edits a definition with: the current version, every version, and the bodies a node may
     * name — {@code ITEM} (the item's own body) and the body of each category in the item's division, if it has one.
     *
     * @param bodies for each category, the name of its body in the item's division; categories without one are
     *        absent (a node naming them could not be handled)
     */
    public record Workspace(ProcessDefinition current, List<Version> versions, String itemBody,
            Map<BodyCategory, String> bodies) {
    }

    /** The item's current definition, its history and the bodies its nodes may name. */
    public Workspace workspace(SignedIn admin, ImplementationCode code) {
        requireAdmin(admin);
        ItemDetail item = inScope(admin, catalog.item(code));
        return transactions.execute(status -> new Workspace(definitions.current(item),
                definitions.versions(item.summary().code()), item.summary().bodyName(), bodies(item)));
    }

    /**
     * Every problem that keeps {@code draft} from being published, without publishing it: those of
     * {@link ProcessDefinition#problems()}, a missing name, and bodies the item's division does not have.
     */
    public List<ProcessDefinition.Problem> check(SignedIn admin, ImplementationCode code, Draft draft) {
        requireAdmin(admin);
        ItemDetail item = inScope(admin, catalog.item(code));
        return problems(item, draft);
    }

    /** The item's current definition (derived and stored on first use). */
    public ProcessDefinition current(SignedIn admin, ImplementationCode code) {
        requireAdmin(admin);
        ItemDetail item = inScope(admin, catalog.item(code));
        return transactions.execute(status -> definitions.current(item));
    }

    /**
     * One published version of the item's definition, read only: the one cases started on it still follow.
     *
     * @throws NotFoundException {@code cases.definition.version-not-found} for a version the item does not have
     */
    public ProcessDefinition version(SignedIn admin, ImplementationCode code, int version) {
        requireAdmin(admin);
        ItemDetail item = inScope(admin, catalog.item(code));
        return definitions.findVersion(item.summary().code(), version)
                .orElseThrow(() -> new NotFoundException("cases.definition.version-not-found", version));
    }

    /**
     * Publishes a new version.
     *
     * @throws InvalidProcessDefinitionException listing every problem; nothing is stored
     */
    public ProcessDefinition publish(SignedIn admin, ImplementationCode code, Draft draft) {
        requireAdmin(admin);
        ItemDetail item = inScope(admin, catalog.item(code));
        List<ProcessDefinition.Problem> problems = problems(item, draft);
        if (!problems.isEmpty()) {
            throw new InvalidProcessDefinitionException(problems);
        }
        ProcessDefinition candidate = new ProcessDefinition(item.summary().code(), 0, draft.name().strip(),
                draft.joint(), draft.nodes());
        return transactions.execute(status -> {
            int version = definitions.publish(item.summary().code(), candidate.name(), candidate.joint(),
                    candidate.nodes(), admin.accountId(), admin.name());
            audit.record(new AuditTrail.Event("cases", "PROCESS_PUBLISHED", admin.accountId(), admin.name(),
                    "process", item.summary().code(), "v" + version));
            return definitions.version(item.summary().code(), version);
        });
    }

    private List<ProcessDefinition.Problem> problems(ItemDetail item, Draft draft) {
        List<ProcessDefinition.Problem> problems = new ArrayList<>();
        if (draft == null || draft.name() == null || draft.name().isBlank()) {
            problems.add(new ProcessDefinition.Problem("cases.definition.name-missing", null));
        }
        if (draft == null) {
            return problems;
        }
        ProcessDefinition candidate = new ProcessDefinition(item.summary().code(), 0, draft.name(), draft.joint(),
                draft.nodes());
        problems.addAll(candidate.problems());
        // A node of a category the division has no body of would stop every case that reaches it
        // (CaseProcessing answers cases.process.no-body): refused here, before any case can start on it.
        Map<BodyCategory, String> bodies = bodies(item);
        for (ProcessDefinition.Node n : candidate.nodes()) {
            if (missing(n.body(), bodies)) {
                problems.add(new ProcessDefinition.Problem("cases.definition.no-body", n.id()));
            }
            for (ProcessDefinition.Branch b : n.branches()) {
                if (missing(b.body(), bodies)) {
                    problems.add(new ProcessDefinition.Problem("cases.definition.no-body", n.id() + "/" + b.id()));
                }
            }
        }
        return problems;
    }

    private static boolean missing(String body, Map<BodyCategory, String> bodies) {
        if (body == null || "ITEM".equals(body)) {
            return false;
        }
        try {
            return !bodies.containsKey(BodyCategory.valueOf(body));
        } catch (IllegalArgumentException e) {
            return false; // an unknown category is already a problem of the definition itself
        }
    }

    /** The bodies of the item's division by category, where {@code CaseProcessing} looks for them. */
    private Map<BodyCategory, String> bodies(ItemDetail item) {
        BodySummary own = organization.body(item.summary().bodyId());
        Map<BodyCategory, String> bodies = new EnumMap<>(BodyCategory.class);
        for (BodySummary b : organization.bodies(DivisionCode.of(own.divisionCode()), false, 0, 100).getContent()) {
            bodies.putIfAbsent(b.category(), b.name());
        }
        return bodies;
    }

    /**
     * Administrators keep the processes of the items of their division and below, as they keep the items themselves
     * (catalog's ItemEditing); another division's item is answered as not found.
     */
    private static ItemDetail inScope(SignedIn admin, ItemDetail item) {
        if (admin.staffDivision() == null || !DivisionCode.of(admin.staffDivision())
                .contains(DivisionCode.of(item.summary().divisionCode()))) {
            throw new NotFoundException("catalog.item.not-found", item.summary().code());
        }
        return item;
    }

    private static void requireAdmin(SignedIn admin) {
        if (admin == null || !admin.staff() || !admin.has(StaffRole.CATALOG_ADMIN)) {
            throw CaseRefusedException.forbidden("cases.definition.admin-only");
        }
    }
}
