package org.tongban.certificates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.tongban.cases.Applications;
import org.tongban.cases.CaseDecided;
import org.tongban.platform.audit.AuditTrail;

/**
 * Issues the e-certificate a granted licence results in (制证, DOMAIN §7; 国务院令第716号: an e-certificate has the
 * same force as paper): when a case is decided GRANTED and its guide's result is a certificate type of the catalogue,
 * the deciding body issues it to the applicant (or to the company applied for), with the fields the applicant filled
 * in under the same names (经营范围, 经营场所 ...), the decision date for dates the form did not ask, and the
 * applicant for the person the certificate names. What cannot be issued so (a field missing, a company not yet
 * registered, a body that does not issue the type) is recorded on the audit trail for the body's officers to issue
 * by hand at {@code /workbench/certificates}; the case is never held up.
 */
@Component
class CaseResultIssuance {

    private static final Logger log = LoggerFactory.getLogger(CaseResultIssuance.class);
    /** Fields that name the person the licence is granted to. */
    private static final Set<String> APPLICANT_LABELS = Set.of("经营者", "法定代表人（负责人）", "负责人", "申请人", "持证人");

    private final CertificateTypes types;
    private final Certificates certificates;
    private final Applications applications;
    private final AuditTrail audit;

    CaseResultIssuance(CertificateTypes types, Certificates certificates, Applications applications,
            AuditTrail audit) {
        this.types = types;
        this.certificates = certificates;
        this.applications = applications;
        this.audit = audit;
    }

    @ApplicationModuleListener
    void on(CaseDecided decided) {
        if (!"GRANTED".equals(decided.outcome())) {
            return;
        }
        Optional<CertificateType> found = types.forResult(decided.resultName());
        if (found.isEmpty()) {
            return; // the result is no certificate of the catalogue (an approval letter, a record ...)
        }
        CertificateType type = found.get();
        Holder holder;
        if (type.holderKind() == HolderKind.COMPANY) {
            if (decided.companyCreditCode() == null) {
                notIssued(decided, type, "certificates.case.no-company");
                return;
            }
            holder = Holder.company(applications.companyName(decided.applicationId()).orElse(null),
                    decided.companyCreditCode());
        } else {
            holder = Holder.account(decided.applicantAccount());
        }
        Map<String, String> filledIn = applications.filledInByLabel(decided.applicationId());
        Map<String, String> data = new LinkedHashMap<>();
        for (CertificateType.MetadataField field : type.fields()) {
            String value = filledIn.get(field.label());
            if (value == null && field.date()) {
                value = decided.decidedOn().toString();
            }
            if (value == null && APPLICANT_LABELS.contains(field.label())) {
                value = decided.applicantName();
            }
            if (value != null) {
                data.put(field.key(), value);
            }
        }
        try {
            CertificateView issued = certificates.issue(new IssueRequest(type.code(), decided.bodyId(), holder, data,
                    decided.decidedOn(), "CASE", decided.caseNumber(), null));
            log.info("Case {} granted: issued {} {}", decided.caseNumber(), type.name(), issued.identifier());
        } catch (CertificateRefusedException e) {
            List<String> fields = e.fields().stream().map(CertificateRefusedException.FieldProblem::field).toList();
            notIssued(decided, type, e.code() + (fields.isEmpty() ? "" : " " + fields));
        }
    }

    private void notIssued(CaseDecided decided, CertificateType type, String why) {
        log.info("Case {} granted; {} to be issued by hand: {}", decided.caseNumber(), type.name(), why);
        audit.record(new AuditTrail.Event("certificates", "certificate.not-issued-from-case", null, null, "case",
                decided.caseNumber(), type.name() + " · " + why));
    }
}
