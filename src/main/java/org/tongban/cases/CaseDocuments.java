package org.tongban.cases;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.cases.internal.ApplicationStore;
import org.tongban.cases.internal.ApplicationStore.Row;
import org.tongban.cases.internal.DocumentTexts;
import org.tongban.cases.internal.IssuedDocuments;
import org.tongban.cases.internal.ProcessStore;
import org.tongban.catalog.Catalog;
import org.tongban.catalog.Guide;
import org.tongban.catalog.ImplementationCode;
import org.tongban.identity.SignedIn;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.platform.audit.AuditTrail;
import org.tongban.platform.documents.DocumentRenderer;
import org.tongban.platform.documents.DocumentsUnavailableException;
import org.tongban.platform.documents.OfficialDocument;
import org.tongban.shared.NotFoundException;

/**
 * The official documents of a case as PDF (文书): 受理通知书, 补正材料通知书 and 不予受理通知书 once the acceptance decision
 * exists (行政许可法 Art. 32), 准予 / 不予行政许可决定书 once the licensing decision exists (Art. 37–38).
 *
 * <p>A document is issued on its first download and stored as issued, so every later download shows the same number
 * and text. A decision document bears the number (文号) its decision was given when it was made (see
 * {@code DecisionNumbers}); a notice gets the next number of its body's sequence for its kind and year (gap-free, the
 * sequence row locked until the issue commits). Only the applicant (for a company's application, also the company's agents acting
 * for it) and staff of a body that handles the case may download; anyone else is told it does not exist. Every
 * download is audited, as documents name the applicant.
 */
@Service
public class CaseDocuments {

    private final ApplicationStore applications;
    private final ProcessStore processes;
    private final IssuedDocuments issued;
    private final Catalog catalog;
    private final Organization organization;
    private final DocumentRenderer renderer;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final MessageSource messages;

    private final org.springframework.beans.factory.ObjectProvider<CaseDelivery> delivery;

    CaseDocuments(ApplicationStore applications, ProcessStore processes, IssuedDocuments issued, Catalog catalog,
            Organization organization, DocumentRenderer renderer, TransactionTemplate transactions, AuditTrail audit,
            MessageSource messages, org.springframework.beans.factory.ObjectProvider<CaseDelivery> delivery) {
        this.delivery = delivery;
        this.applications = applications;
        this.processes = processes;
        this.issued = issued;
        this.catalog = catalog;
        this.organization = organization;
        this.renderer = renderer;
        this.transactions = transactions;
        this.audit = audit;
        this.messages = messages;
    }

    /** A downloadable document. */
    public record Download(String fileName, String number, byte[] pdf) {
    }

    /**
     * The documents the case has now, in the order they arose.
     *
     * @throws NotFoundException {@code cases.application.not-found} unless the caller may see the case
     */
    public List<CaseDocumentKind> available(SignedIn who, UUID applicationId) {
        Row row = visible(who, applicationId);
        return available(row);
    }

    private List<CaseDocumentKind> available(Row row) {
        List<CaseDocumentKind> kinds = new ArrayList<>();
        if (applications.latestCorrection(row.id()).isPresent()) {
            kinds.add(CaseDocumentKind.CORRECTION);
        }
        if (row.status() == ApplicationStatus.NOT_ACCEPTED) {
            kinds.add(CaseDocumentKind.NOT_ACCEPTED);
        }
        if (row.acceptedOn() != null) {
            kinds.add(CaseDocumentKind.ACCEPTANCE);
        }
        processes.findCase(row.id()).map(ProcessStore.CaseRow::outcome).ifPresent(outcome -> {
            if ("GRANTED".equals(outcome)) {
                kinds.add(CaseDocumentKind.GRANT);
            } else if ("REFUSED".equals(outcome)) {
                kinds.add(CaseDocumentKind.REFUSAL);
            }
        });
        return kinds;
    }

    /**
     * The document as PDF, issued now if this is its first download.
     *
     * @param link the address of the case page, printed and as QR code on the document
     * @throws NotFoundException {@code cases.application.not-found} unless the caller may see the case;
     *         {@code cases.document.not-available} when the decision the document records has not been made
     * @throws DocumentsUnavailableException (503) when the server has no font for documents
     */
    public Download download(SignedIn who, UUID applicationId, CaseDocumentKind kind, String link) {
        Row seen = visible(who, applicationId);
        if (!renderer.available()) {
            throw new DocumentsUnavailableException();
        }
        IssuedDocuments.Issued document = transactions.execute(status -> {
            // Serializes the first issue of the application's documents: one number, however many clicks.
            Row row = applications.lock(applicationId).orElseThrow();
            if (!available(row).contains(kind)) {
                throw new NotFoundException("cases.document.not-available", kind.title());
            }
            UUID subject = kind == CaseDocumentKind.CORRECTION
                    ? applications.latestCorrection(applicationId).orElseThrow().id() : applicationId;
            IssuedDocuments.Issued found = issued.find(kind.name(), subject).orElseGet(() -> issue(row, kind, subject,
                    link));
            audit.record(new AuditTrail.Event("cases", "DOCUMENT_DOWNLOADED", who.accountId(), who.name(),
                    "application", applicationId.toString(), kind.name() + " " + found.number()));
            return found;
        });
        byte[] pdf = renderer.render(document.content());
        if (kind == CaseDocumentKind.GRANT || kind == CaseDocumentKind.REFUSAL) {
            // 电子送达: the applicant opening the decision delivers a result that is ready and chosen online.
            delivery.getObject().resultOpened(who, applicationId);
        }
        return new Download(kind.title() + "-" + seen.caseNumber() + ".pdf", document.number(), pdf);
    }

    private IssuedDocuments.Issued issue(Row row, CaseDocumentKind kind, UUID subject, String link) {
        Optional<ProcessStore.CaseRow> handling = processes.findCase(row.id());
        ApplicationView.Correction correction = kind == CaseDocumentKind.CORRECTION
                ? applications.latestCorrection(row.id()).orElseThrow() : null;
        LocalDate issuedOn = switch (kind) {
            case ACCEPTANCE -> row.acceptedOn();
            case CORRECTION -> LocalDate.ofInstant(correction.requestedAt(), Applications.ZONE);
            case NOT_ACCEPTED -> applications.steps(row.id()).stream().filter(s -> s.kind().equals("NOT_ACCEPTED"))
                    .reduce((a, b) -> b).map(s -> LocalDate.ofInstant(s.at(), Applications.ZONE))
                    .orElse(LocalDate.ofInstant(row.updatedAt(), Applications.ZONE));
            case GRANT, REFUSAL -> handling.orElseThrow().decidedOn();
        };
        Guide guide = catalog.item(ImplementationCode.of(row.itemCode()), row.itemVersion()).guide();
        BodySummary body = organization.body(row.bodyId());
        String idType = row.applicantIdType() == null ? "证件"
                : messages.getMessage("identity.document." + row.applicantIdType(), null, row.applicantIdType(),
                        Locale.SIMPLIFIED_CHINESE);
        int year;
        int sequence;
        String number;
        ProcessStore.CaseRow decided = handling.orElse(null);
        if ((kind == CaseDocumentKind.GRANT || kind == CaseDocumentKind.REFUSAL) && decided != null
                && decided.decisionSequence() != null) {
            // The decision document bears the number (文号) the decision got when it was made (Art. 38).
            year = decided.decisionYear();
            sequence = decided.decisionSequence();
            number = decided.decisionNumber();
        } else {
            year = issuedOn.getYear();
            sequence = issued.nextSequence(row.bodyId(), kind.name(), year);
            number = DocumentTexts.number(kind, body.category(), body.divisionName(), year, sequence);
        }
        OfficialDocument content = DocumentTexts.compose(kind, number, new DocumentTexts.Facts(row,
                handling.orElse(null), handling.isPresent() ? processes.tasksOf(row.id()) : List.of(), guide,
                correction, idType, body.category(), body.divisionName(), issuedOn, link));
        issued.insert(kind.name(), subject, row.id(), row.bodyId(), year, sequence, number, issuedOn, content);
        return new IssuedDocuments.Issued(kind.name(), subject, row.id(), number, issuedOn, content);
    }

    /**
     * The application if the caller may see its documents: its applicant; for a company's application, an agent
     * acting for that company; staff of the application's body or of a body with a task in the case.
     */
    private Row visible(SignedIn who, UUID applicationId) {
        if (who == null) {
            throw new CaseRefusedException(CaseRefusedException.Reason.SIGN_IN, "cases.signin.required");
        }
        NotFoundException notFound = new NotFoundException("cases.application.not-found", applicationId);
        Row row = applications.find(applicationId).filter(r -> r.status() != ApplicationStatus.DRAFT)
                .orElseThrow(() -> notFound);
        if (who.staff()) {
            boolean inScope = who.staffBody() != null && (who.staffBody().equals(row.bodyId())
                    || processes.tasksOf(applicationId).stream().anyMatch(t -> who.staffBody().equals(t.bodyId())));
            if (inScope) {
                return row;
            }
            throw notFound;
        }
        if (row.applicantAccount().equals(who.accountId())) {
            return row;
        }
        if (row.companyAccount() != null && who.actingFor() != null
                && row.companyAccount().equals(who.actingFor().company())) {
            return row;
        }
        throw notFound;
    }
}
