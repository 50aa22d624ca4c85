package org.tongban.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.identity.internal.Account;
import org.tongban.identity.internal.AssuranceAudit;
import org.tongban.identity.internal.PersonalDataCipher;
import org.tongban.organization.HallSummary;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;

/**
 * Level L3 (实人核验, DOMAIN §8): a window officer (窗口人员) in a hall sees the person and the original document,
 * finds the account by the document number (exact match through the look-up hash, never a search over names) and
 * records the check. Only window officers may do it, never for their own account, and only in a hall of their
 * body or division; every check is audited with the officer, the document type seen and the hall.
 */
@Service
public class InPersonVerification {

    /** The person as the officer sees them: name and masked number only. */
    public record Person(UUID account, String name, IdDocumentType idType, String idNumberMasked, int assuranceLevel) {
    }

    private final org.tongban.identity.internal.Accounts accounts;
    private final PersonalDataCipher cipher;
    private final Organization organization;
    private final AssuranceAudit audit;

    InPersonVerification(org.tongban.identity.internal.Accounts accounts, PersonalDataCipher cipher,
            Organization organization, AssuranceAudit audit) {
        this.accounts = accounts;
        this.cipher = cipher;
        this.organization = organization;
        this.audit = audit;
    }

    /**
     * @throws AccessDeniedException unless a window officer asks
     * @throws InvalidValueException the number breaks its document type's rules
     */
    @Transactional(readOnly = true)
    public Optional<Person> find(SignedIn officer, IdDocumentType type, String number) {
        requireWindowOfficer(officer);
        return account(type, number).map(a -> new Person(a.id(), a.name(), a.idType(), a.idNumberMasked(),
                a.assuranceLevel()));
    }

    /** The halls an officer can record a check in: those of their body and of their division. */
    public List<HallSummary> halls(SignedIn officer) {
        requireWindowOfficer(officer);
        Map<UUID, HallSummary> halls = new LinkedHashMap<>();
        if (officer.staffBody() != null) {
            organization.hallsOf(officer.staffBody()).forEach(h -> halls.put(h.id(), h));
        }
        if (officer.staffDivision() != null) {
            organization.hallsIn(DivisionCode.of(officer.staffDivision())).forEach(h -> halls.putIfAbsent(h.id(), h));
        }
        return new ArrayList<>(halls.values());
    }

    /**
     * Records that the officer saw the person with the original document in the hall: the account becomes L3 (an
     * L4 account stays L4).
     *
     * @return the level afterwards
     * @throws AccessDeniedException unless a window officer asks
     * @throws NotFoundException {@code identity.in-person.not-found}: no account with this document
     * @throws InvalidValueException {@code identity.in-person.self} or {@code identity.in-person.hall-invalid}
     */
    @Transactional
    public int grant(SignedIn officer, IdDocumentType type, String number, UUID hallId) {
        requireWindowOfficer(officer);
        Account account = account(type, number).filter(Account::active)
                .orElseThrow(() -> new NotFoundException("identity.in-person.not-found"));
        if (account.id().equals(officer.accountId())) {
            throw new InvalidValueException("identity.in-person.self", null);
        }
        HallSummary hall = halls(officer).stream().filter(h -> h.id().equals(hallId)).findFirst()
                .orElseThrow(() -> new InvalidValueException("identity.in-person.hall-invalid", null));
        return audit.raise(account.id(), 3, AssuranceAudit.Method.IN_PERSON, officer.accountId(),
                "document seen: " + type.name() + "; hall: " + hall.id() + " " + hall.name());
    }

    private Optional<Account> account(IdDocumentType type, String number) {
        if (type == null) {
            throw new InvalidValueException("identity.document.type", null);
        }
        String normalized = type.normalize(number);
        return accounts.findByIdNumberHash(cipher.lookupHash(type.name() + ":" + normalized));
    }

    private static void requireWindowOfficer(SignedIn officer) {
        if (officer == null || !officer.staff() || !officer.has(StaffRole.WINDOW_OFFICER)) {
            throw new AccessDeniedException("Only window officers record in-person checks");
        }
    }
}
