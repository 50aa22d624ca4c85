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

    Accounts(org.tongban.identity.internal.Accounts accounts, SignInLog signIns) {
        this.accounts = accounts;
        this.signIns = signIns;
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
