package org.tongban.cases;

import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.internal.FormDefinitions;
import org.tongban.catalog.Catalog;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.ItemDetail;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.shared.DivisionCode;

/**
 * Catalogue administrators edit the application form of an implementation item (行政许可法 Art. 29: where an
 * application form is used, the authority provides it, and it may ask nothing unrelated to the item; Art. 30: its
 * model text is published with the item). Each publication is a new revision of the form of the item's
 * current version, checked as a whole by {@link FormDefinition#problems()}; drafts follow the newest revision, a
 * submitted application keeps the one it was submitted with. An administrator edits items of their own division and
 * below only.
 */
@Service
public class FormAdministration {

    private final FormDefinitions forms;
    private final Catalog catalog;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;

    FormAdministration(FormDefinitions forms, Catalog catalog, TransactionTemplate transactions, AuditTrail audit) {
        this.forms = forms;
        this.catalog = catalog;
        this.transactions = transactions;
        this.audit = audit;
    }

    /** The newest revision of the form of the item's published version (derived and stored on first use). */
    public FormDefinition current(SignedIn admin, ImplementationCode code) {
        ItemDetail item = item(admin, code);
        return transactions.execute(status -> forms.of(item));
    }

    /**
     * Checks a candidate without publishing it (the editor's preview).
     *
     * @return the candidate as it would be published, or the problems as an exception
     * @throws InvalidFormDefinitionException listing every problem
     */
    public FormDefinition check(SignedIn admin, ImplementationCode code, List<FormField> fields) {
        ItemDetail item = item(admin, code);
        FormDefinition candidate = new FormDefinition(item.summary().code(), item.summary().version(), 0,
                fields == null ? List.of() : fields);
        List<FieldProblem> problems = candidate.problems();
        if (!problems.isEmpty()) {
            throw new InvalidFormDefinitionException(problems);
        }
        return candidate;
    }

    /**
     * Publishes the fields as the next revision.
     *
     * @throws InvalidFormDefinitionException listing every problem; nothing is stored
     * @throws CaseRefusedException {@code cases.form-definition.concurrent} when another administrator published a
     *         revision at the same moment (the page is reloaded and the change made again)
     */
    public FormDefinition publish(SignedIn admin, ImplementationCode code, List<FormField> fields) {
        FormDefinition candidate = check(admin, code, fields);
        try {
            return transactions.execute(status -> {
                int revision = forms.publish(candidate.itemCode(), candidate.itemVersion(), candidate.fields(),
                        admin.accountId());
                audit.record(new AuditTrail.Event("cases", "FORM_PUBLISHED", admin.accountId(), admin.name(),
                        "form", candidate.itemCode(), "v" + candidate.itemVersion() + " r" + revision));
                return forms.find(candidate.itemCode(), candidate.itemVersion(), revision).orElseThrow();
            });
        } catch (DuplicateKeyException e) {
            throw CaseRefusedException.conflict("cases.form-definition.concurrent");
        }
    }

    private ItemDetail item(SignedIn admin, ImplementationCode code) {
        if (admin == null) {
            throw new CaseRefusedException(CaseRefusedException.Reason.SIGN_IN, "cases.signin.required");
        }
        if (!admin.staff() || !admin.has(StaffRole.CATALOG_ADMIN)) {
            throw CaseRefusedException.forbidden("cases.form-definition.admin-only");
        }
        ItemDetail item = catalog.item(code);
        if (!DivisionCode.of(admin.staffDivision()).contains(DivisionCode.of(item.summary().divisionCode()))) {
            throw CaseRefusedException.forbidden("cases.form-definition.out-of-scope");
        }
        return item;
    }
}
