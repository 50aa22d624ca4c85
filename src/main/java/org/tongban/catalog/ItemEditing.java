package org.tongban.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.catalog.internal.ImplementationItem;
import org.tongban.catalog.internal.ImplementationItems;
import org.tongban.catalog.internal.ItemStatus;
import org.tongban.catalog.internal.transfer.ImplementationItemForm;
import org.tongban.catalog.internal.transfer.ImplementationListImport;
import org.tongban.catalog.internal.transfer.ImplementationListRow;
import org.tongban.catalog.internal.transfer.ImplementationListValidator;
import org.tongban.catalog.internal.transfer.ImportProblem;
import org.tongban.catalog.internal.transfer.ImportProgress;
import org.tongban.catalog.internal.transfer.ValidatedImplementationList;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.NotFoundException;

/**
 * Creating and editing implementation items by form. A form is checked exactly as a row of an imported spreadsheet
 * (every code, every required element, the guide's own rules). Saving never changes a published version: it writes a
 * new draft version (or replaces the item's current draft), which then goes through submission and approval. While a
 * version waits for approval or for its effective date the item cannot be edited.
 */
@Service
public class ItemEditing {

    private static final Logger audit = LoggerFactory.getLogger("tongban.audit.catalog");

    private final ImplementationListImport importer;
    private final ImplementationItems items;

    ItemEditing(ImplementationListImport importer, ImplementationItems items) {
        this.importer = importer;
        this.items = items;
    }

    /** A draft version written. */
    public record Saved(UUID id, String code, int version) {
    }

    /** What became of a form: the problems found (each at its field), or the draft written. */
    public record Outcome(List<ImportProblem> problems, Saved saved) {

        public boolean accepted() {
            return saved != null;
        }
    }

    /** The form's values for the latest version of an item (draft or not), to edit it. */
    @Transactional(readOnly = true)
    public Map<String, String> values(ImplementationCode code, DivisionCode scope) {
        ImplementationItem latest = items.findByCodeOrderByVersionDesc(code.value()).stream().findFirst()
                .filter(i -> i.divisionCode().startsWith(scope.prefix()))
                .orElseThrow(() -> new NotFoundException("catalog.item.not-found", code.value()));
        return ImplementationItemForm.values(ImplementationListRow.of(latest.code(), latest.name(),
                latest.divisionCode(), latest.guide(), latest.venue()));
    }

    /**
     * Checks a form and, when it is right, writes it as the item's draft.
     *
     * @param form field name → text as typed (see {@link ImplementationItemForm})
     */
    @Transactional
    public Outcome save(Map<String, String> form, DivisionCode scope, UUID by) {
        return save(ImplementationItemForm.read(form), scope, by);
    }

    /**
     * Checks one item as the JSON of an implementation-list file describes it (the API's draft), and writes it as
     * the item's draft when it is right.
     */
    @Transactional
    public Outcome saveJson(byte[] item, DivisionCode scope, UUID by) {
        byte[] prefix = ("{\"format\":\"tongban.implementation-list\",\"version\":1,\"items\":[")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] suffix = "]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.writeBytes(prefix);
        file.writeBytes(item);
        file.writeBytes(suffix);
        return save(org.tongban.catalog.internal.transfer.TransferFormat.JSON
                .read(new java.io.ByteArrayInputStream(file.toByteArray())), scope, by);
    }

    private Outcome save(org.tongban.catalog.internal.transfer.ImplementationListFile file, DivisionCode scope,
            UUID by) {
        if (file.entries().size() > 1) {
            return new Outcome(List.of(new ImportProblem(new ImportProblem.Location("", 1, ""),
                    "catalog.admin.one-item", List.of())), null);
        }
        ImplementationListValidator.Result result = importer.check(file, ImportProgress.NONE);
        if (!result.valid()) {
            return new Outcome(result.problems(), null);
        }
        ValidatedImplementationList list = result.acceptedList().orElseThrow();
        ValidatedImplementationList.Item item = list.items().getFirst();
        if (!item.division().code().value().startsWith(scope.prefix())) {
            return new Outcome(List.of(new ImportProblem(new ImportProblem.Location("divisionCode", 1, "实施区划代码"),
                    "catalog.admin.out-of-scope", List.of(item.division().code().value()))), null);
        }
        importer.lockVersions();
        Optional<ImplementationItem> latest = items.findByCodeOrderByVersionDesc(item.code().value()).stream()
                .findFirst();
        if (latest.isPresent() && (latest.get().status() == ItemStatus.SUBMITTED
                || latest.get().status() == ItemStatus.APPROVED)) {
            return new Outcome(List.of(new ImportProblem(new ImportProblem.Location("implementationCode", 1, "实施编码"),
                    "catalog.publication.draft-pending", List.of(String.valueOf(latest.get().version())))), null);
        }
        if (latest.isPresent() && latest.get().status() == ItemStatus.DRAFT) {
            // Only one draft per item: the new one takes its place and its number.
            items.delete(latest.get());
            items.flush();
        }
        ImplementationListImport.Imported imported = importer.importAll(list, ImportProgress.NONE).getFirst();
        UUID id = items.findByCodeAndVersion(imported.code().value(), imported.version()).orElseThrow().id();
        audit.info("draft {} v{} saved by {}", imported.code(), imported.version(), by);
        return new Outcome(List.of(), new Saved(id, imported.code().value(), imported.version()));
    }
}
