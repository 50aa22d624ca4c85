package org.tongban.cases;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.internal.ProcessDefinitions;
import org.tongban.catalog.Catalog;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.ItemDetail;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
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

    ProcessAdministration(ProcessDefinitions definitions, Catalog catalog, TransactionTemplate transactions,
            AuditTrail audit) {
        this.definitions = definitions;
        this.catalog = catalog;
        this.transactions = transactions;
        this.audit = audit;
    }

    /** What an administrator submits: the definition without item code and version. */
    public record Draft(String name, boolean joint, List<ProcessDefinition.Node> nodes) {
    }

    /** The item's current definition (derived and stored on first use). */
    public ProcessDefinition current(SignedIn admin, ImplementationCode code) {
        requireAdmin(admin);
        ItemDetail item = inScope(admin, catalog.item(code));
        return transactions.execute(status -> definitions.current(item));
    }

    /**
     * Publishes a new version.
     *
     * @throws InvalidProcessDefinitionException listing every problem; nothing is stored
     */
    public ProcessDefinition publish(SignedIn admin, ImplementationCode code, Draft draft) {
        requireAdmin(admin);
        ItemDetail item = inScope(admin, catalog.item(code));
        if (draft == null || draft.name() == null || draft.name().isBlank()) {
            throw new InvalidProcessDefinitionException(List.of(new ProcessDefinition.Problem(
                    "cases.definition.name-missing", null)));
        }
        ProcessDefinition candidate = new ProcessDefinition(item.summary().code(), 0, draft.name().strip(),
                draft.joint(), draft.nodes());
        List<ProcessDefinition.Problem> problems = candidate.problems();
        if (!problems.isEmpty()) {
            throw new InvalidProcessDefinitionException(problems);
        }
        return transactions.execute(status -> {
            int version = definitions.publish(item.summary().code(), candidate.name(), candidate.joint(),
                    candidate.nodes());
            audit.record(new AuditTrail.Event("cases", "PROCESS_PUBLISHED", admin.accountId(), admin.name(),
                    "process", item.summary().code(), "v" + version));
            return definitions.version(item.summary().code(), version);
        });
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
