package org.tongban.certificates;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.tongban.cases.CaseDelivery;
import org.tongban.identity.SignedIn;

/**
 * The holder opening, in the wallet (我的证照), a certificate issued as the result of a case: the case is told, and
 * where the applicant chose online delivery and the delivery step is open, that opening is the delivery (电子送达,
 * as opening the decision document is). Only the holder's own wallet calls this — the certificate page, its PDF copy
 * and its signed data, on the pages and over the API — never the issuing officers' views or public verification;
 * the case itself checks that the one opening it is its applicant (or the agent of the company applied for).
 * {@code cases} may not depend on this module, so this module calls the small API {@code cases} offers.
 */
@Component
public class CaseResultOpening {

    private final Certificates certificates;
    private final CaseDelivery delivery;

    CaseResultOpening(Certificates certificates, CaseDelivery delivery) {
        this.certificates = certificates;
        this.delivery = delivery;
    }

    /**
     * The holder (already shown the certificate, so known to hold it) opened it.
     *
     * @return whether this delivered the case's result
     */
    public boolean opened(SignedIn holder, UUID certificateId) {
        if (holder == null || holder.staff()) {
            return false;
        }
        org.tongban.certificates.internal.StoredCertificate row = certificates.heldBy(holder, certificateId);
        if (!"CASE".equals(row.source()) || row.caseReference() == null) {
            return false;
        }
        return delivery.resultCertificateOpened(holder, row.caseReference(), row.identifier());
    }
}
