package org.tongban.identity;

import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.identity.internal.IdentityAudit;
import org.tongban.identity.internal.PersonalDataCipher;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;

/** A signed-in person replaces their password (staff must, at the first sign-in with a one-time password). */
@Service
public class PasswordChange {

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;
    private final PersonalDataCipher cipher;
    private final IdentityAudit audit;

    PasswordChange(JdbcTemplate jdbc, PasswordEncoder passwords, PersonalDataCipher cipher, IdentityAudit audit) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.cipher = cipher;
        this.audit = audit;
    }

    public boolean required(UUID accountId) {
        return Boolean.TRUE.equals(jdbc.query("select password_change_required from identity_account where id = ?",
                (rs, i) -> rs.getBoolean(1), accountId).stream().findFirst().orElse(false));
    }

    /**
     * @throws InvalidFieldException {@code current} (wrong), {@code password} (policy, or unchanged),
     *         {@code passwordAgain} (mismatch)
     */
    @Transactional
    public void change(UUID accountId, String current, String password, String passwordAgain) {
        String[] row = jdbc.query("select password_hash, id_number_cipher, phone_cipher from identity_account "
                + "where id = ? for update", (rs, i) -> new String[] { rs.getString(1), rs.getString(2),
                        rs.getString(3) }, accountId).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("identity.account.not-found", accountId));
        if (current == null || !passwords.matches(current, row[0])) {
            throw new InvalidFieldException("current", new InvalidValueException("identity.password.current-wrong", null));
        }
        InvalidFieldException.parse("password", () -> {
            PasswordPolicy.check(password, cipher.decrypt(row[1]), cipher.decrypt(row[2]));
            return null;
        });
        if (password.equals(current)) {
            throw new InvalidFieldException("password", new InvalidValueException("identity.password.unchanged", null));
        }
        if (!password.equals(passwordAgain)) {
            throw new InvalidFieldException("passwordAgain", new InvalidValueException("identity.password.mismatch", null));
        }
        jdbc.update("update identity_account set password_hash = ?, password_change_required = false, "
                + "version = version + 1 where id = ?", passwords.encode(password), accountId);
        audit.record(accountId, IdentityAudit.Action.PASSWORD_CHANGED, "account", accountId, null);
    }
}
