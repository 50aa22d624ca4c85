package org.tongban.identity;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.identity.internal.Account;
import org.tongban.identity.internal.SignInLog;
import org.tongban.shared.NotFoundException;

/** Reading accounts, for the module's pages and for other modules. */
@Service("identityAccounts")
@Transactional(readOnly = true)
public class Accounts {

    /** A sign-in as its owner sees it. */
    public record SignIn(java.time.Instant at, String ip, boolean succeeded, String reason) {
    }

    private final org.tongban.identity.internal.Accounts accounts;
    private final SignInLog signIns;
    private final LegalPersons legalPersons;

    Accounts(org.tongban.identity.internal.Accounts accounts, SignInLog signIns, LegalPersons legalPersons) {
        this.accounts = accounts;
        this.signIns = signIns;
        this.legalPersons = legalPersons;
    }

    /**
     * Whether the person may act today for the company (a legal-person account) in the matter: as its legal
     * representative, or as an agent whose authorization is neither revoked nor expired and covers the matter
     * (DOMAIN §8). Modules check this before accepting anything done in a company's name.
     *
     * @param matter the matter, e.g. an implementation-item code; {@code null} asks whether they may act for the
     *        company at all (e.g. to list its applications)
     */
    public boolean mayActFor(UUID accountId, UUID companyId, String matter) {
        return legalPersons.mayActFor(accountId, companyId, matter);
    }

    /** @throws NotFoundException {@code identity.account.not-found} */
    public AccountView view(UUID id) {
        Account account = accounts.findById(id)
                .orElseThrow(() -> new NotFoundException("identity.account.not-found", id));
        return new AccountView(account.id(), account.name(), account.kind() == Account.Kind.STAFF, account.idType(),
                account.idNumberMasked(), account.phoneMasked(), account.email(), account.assuranceLevel(),
                account.createdAt());
    }

    public List<SignIn> recentSignIns(UUID account, int limit) {
        return signIns.recent(account, limit).stream()
                .map(e -> new SignIn(e.at(), e.ip(), e.succeeded(), e.reason())).toList();
    }
}
