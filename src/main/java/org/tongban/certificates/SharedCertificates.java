package org.tongban.certificates;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.tongban.certificates.internal.CertificateStore;
import org.tongban.certificates.internal.StoredCertificate;
import org.tongban.exchange.CertificateLibrary;
import org.tongban.exchange.SubjectType;

/**
 * The certificate library served through the data-sharing exchange (DOMAIN §9, business library 电子证照): the
 * exchange authorizes the consuming body and logs the access; this side reads the subject's certificates of one type
 * and records the body's use in the certificate's own ledger, where the holder sees it next to the uses they
 * authorized themself (DOMAIN §7: using someone's certificate needs a stated reason).
 */
@Component
class SharedCertificates implements CertificateLibrary {

    private final Certificates certificates;
    private final CertificateTypes types;
    private final CertificateStore store;

    SharedCertificates(Certificates certificates, CertificateTypes types, CertificateStore store) {
        this.certificates = certificates;
        this.types = types;
        this.store = store;
    }

    @Override
    public Optional<String> typeName(String typeCode) {
        return types.all().stream().filter(t -> t.code().equals(typeCode)).map(CertificateType::name).findFirst();
    }

    @Override
    public Optional<SubjectType> holderType(String typeCode) {
        return types.all().stream().filter(t -> t.code().equals(typeCode)).findFirst()
                .map(t -> t.holderKind() == HolderKind.PERSON ? SubjectType.PERSON : SubjectType.COMPANY);
    }

    @Override
    public List<Map<String, Object>> held(String typeCode, SubjectType type, String subjectKey, UUID consumerBodyId,
            String consumerBodyName, String purpose) {
        String hash = type == SubjectType.PERSON ? subjectKey : certificates.companyHash(subjectKey);
        LocalDate today = LocalDate.now(Certificates.ZONE);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<StoredCertificate> held = store.heldBy(List.of(hash)).stream()
                .filter(c -> c.typeCode().equals(typeCode))
                .sorted((a, b) -> b.issuedOn().compareTo(a.issuedOn())).toList();
        for (StoredCertificate row : held) {
            CertificateView c = certificates.view(row, true);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("typeName", c.type().name());
            item.put("number", c.number());
            item.put("identifier", c.identifier());
            item.put("holderName", c.holderName());
            item.put("issuer", c.issuerName());
            item.put("issuedOn", c.issuedOn().toString());
            item.put("validFrom", c.validFrom().toString());
            item.put("validUntil", c.validUntil() == null ? null : c.validUntil().toString());
            item.put("certificateStatus", Certificates.effectiveStatus(row, today).name());
            item.put("details", c.data().stream().filter(f -> f.value() != null && !f.value().isBlank())
                    .map(f -> f.field().label() + "：" + f.value()).collect(Collectors.joining("\n")));
            rows.add(item);
            store.logUse(row.id(), null, Grantee.body(consumerBodyId, consumerBodyName), null, consumerBodyName,
                    purpose + "（数据共享交换）", true, null);
        }
        return rows;
    }
}
