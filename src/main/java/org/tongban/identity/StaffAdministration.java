package org.tongban.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tongban.identity.internal.Account;
import org.tongban.identity.internal.AccountFactory;
import org.tongban.identity.internal.IdentityAudit;
import org.tongban.identity.internal.StaffAssignments;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;

/**
 * Staff accounts (工作人员账号), which nobody creates for themself: a system administrator creates them for a body
 * within the administrator's own data scope, with roles and a data scope, and a one-time password shown once that
 * must be replaced at the first sign-in. Changing roles or deactivating ends the member's sessions at once. Every
 * change is audited.
 */
@Service
@Transactional(readOnly = true)
public class StaffAdministration {

    /** Data scope: the member's own body, or their body's division and every division below it. */
    public enum DataScope { BODY, DIVISION }

    /** What the administrator fills in. */
    public record StaffForm(String name, String idNumber, String phone, UUID bodyId, Set<StaffRole> roles,
            DataScope dataScope) {
    }

    /** A new staff account and its one-time password, which is never stored in clear and never shown again. */
    public record Created(UUID accountId, String initialPassword) {
    }

    /** A staff member as administrators see them: identifiers masked. */
    public record StaffMember(UUID id, String name, String idNumberMasked, String phoneMasked, UUID bodyId,
            String bodyName, String divisionCode, Set<StaffRole> roles, DataScope dataScope, boolean active,
            boolean passwordChangeRequired) {
    }

    private static final String PASSWORD_SYMBOLS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private static final String PASSWORD_MARKS = "#%+=@!";

    private final JdbcTemplate jdbc;
    private final AccountFactory accounts;
    private final StaffAssignments assignments;
    private final Organization organization;
    private final PasswordEncoder passwords;
    private final IdentityAudit audit;
    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    StaffAdministration(JdbcTemplate jdbc, AccountFactory accounts, StaffAssignments assignments,
            Organization organization, PasswordEncoder passwords, IdentityAudit audit,
            FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.assignments = assignments;
        this.organization = organization;
        this.passwords = passwords;
        this.audit = audit;
        this.sessions = sessions;
    }

    /** The staff of the bodies within the administrator's data scope, by body and name. */
    public List<StaffMember> staff(SignedIn admin) {
        Scope scope = scopeOf(admin);
        return jdbc.query(MEMBER_QUERY + " where " + (scope.body() != null ? "s.body_id = ?" : "s.division_code like ?")
                + " order by s.division_code, s.body_id, a.name", (rs, i) -> member(rs),
                scope.body() != null ? scope.body() : scope.division().prefix() + "%")
                .stream().map(this::withBodyName).toList();
    }

    /** The audit trail of a staff account within the administrator's scope, newest first. */
    public List<IdentityAudit.Entry> trail(SignedIn admin, UUID id, int limit) {
        member(admin, id);
        return audit.about("account", id, limit);
    }

    /** @throws NotPermittedException {@code identity.staff.out-of-scope} */
    public StaffMember member(SignedIn admin, UUID id) {
        StaffMember member = find(id);
        requireInScope(admin, member.bodyId());
        return withBodyName(member);
    }

    /** Bodies within the administrator's scope whose names contain the text, for picking a new member's body. */
    public List<BodySummary> bodies(SignedIn admin, String text) {
        Scope scope = scopeOf(admin);
        if (scope.body() != null) {
            return List.of(organization.body(scope.body()));
        }
        if (text == null || text.isBlank()) {
            return organization.bodies(scope.division(), false, 0, 50).getContent();
        }
        return organization.searchBodies(text, scope.division(), 20);
    }

    /**
     * @throws InvalidFieldException naming the field that is wrong (or already registered)
     * @throws NotPermittedException {@code identity.staff.out-of-scope} for a body outside the administrator's scope
     */
    @Transactional
    public Created create(SignedIn admin, StaffForm form) {
        String name = form.name() == null ? "" : form.name().strip();
        if (name.isEmpty() || name.length() > 50) {
            throw new InvalidFieldException("name", new InvalidValueException("identity.name.invalid", name));
        }
        String idNumber = InvalidFieldException.parse("idNumber",
                () -> IdDocumentType.RESIDENT_ID.normalize(form.idNumber()));
        PhoneNumber phone = InvalidFieldException.parse("phone", () -> new PhoneNumber(form.phone()));
        BodySummary body = body(admin, form.bodyId());
        Set<StaffRole> roles = roles(form.roles());
        DataScope dataScope = dataScope(form.dataScope());
        String password = initialPassword(idNumber, phone.value());
        Account account = accounts.create(Account.Kind.STAFF, name, IdDocumentType.RESIDENT_ID, idNumber, phone.value(),
                null, passwords.encode(password), clock.instant());
        jdbc.update("update identity_account set password_change_required = true where id = ?", account.id());
        assignments.assign(account.id(), body.id(), body.divisionCode(), roles, dataScope.name());
        audit.record(admin.accountId(), IdentityAudit.Action.STAFF_CREATED, "account", account.id(),
                "body=" + body.id() + " roles=" + names(roles) + " scope=" + dataScope);
        return new Created(account.id(), password);
    }

    /**
     * New roles and data scope; the member's sessions end so the change applies at once.
     *
     * @throws InvalidFieldException {@code roles} (none, or an administrator removing their own administration)
     */
    @Transactional
    public StaffMember change(SignedIn admin, UUID id, Set<StaffRole> newRoles, DataScope newScope) {
        StaffMember member = member(admin, id);
        Set<StaffRole> roles = roles(newRoles);
        DataScope dataScope = dataScope(newScope);
        if (id.equals(admin.accountId()) && !roles.contains(StaffRole.SYSTEM_ADMIN)) {
            throw new InvalidFieldException("roles", new InvalidValueException("identity.staff.own-admin-role", null));
        }
        assignments.assign(id, member.bodyId(), member.divisionCode(), roles, dataScope.name());
        audit.record(admin.accountId(), IdentityAudit.Action.STAFF_CHANGED, "account", id,
                "roles=" + names(member.roles()) + "->" + names(roles) + " scope=" + member.dataScope() + "->"
                        + dataScope);
        if (!id.equals(admin.accountId())) {
            endSessions(id);
        }
        return member(admin, id);
    }

    /** Deactivates the account and ends its sessions everywhere. */
    @Transactional
    public StaffMember deactivate(SignedIn admin, UUID id) {
        member(admin, id);
        if (id.equals(admin.accountId())) {
            throw new NotPermittedException("identity.staff.self-deactivation");
        }
        if (jdbc.update("update identity_account set status = 'DISABLED', version = version + 1 where id = ? "
                + "and status = 'ACTIVE'", id) > 0) {
            audit.record(admin.accountId(), IdentityAudit.Action.STAFF_DEACTIVATED, "account", id, null);
        }
        endSessions(id);
        return member(admin, id);
    }

    private void endSessions(UUID account) {
        sessions.findByPrincipalName(account.toString()).keySet().forEach(sessions::deleteById);
    }

    private BodySummary body(SignedIn admin, UUID bodyId) {
        if (bodyId == null) {
            throw new InvalidFieldException("bodyId", new InvalidValueException("identity.staff.body-required", null));
        }
        BodySummary body;
        try {
            body = organization.body(bodyId);
        } catch (NotFoundException e) {
            throw new InvalidFieldException("bodyId", new InvalidValueException("identity.staff.body-required", null));
        }
        requireInScope(admin, body.id());
        return body;
    }

    private static Set<StaffRole> roles(Set<StaffRole> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new InvalidFieldException("roles", new InvalidValueException("identity.staff.roles-required", null));
        }
        return EnumSet.copyOf(roles);
    }

    private static DataScope dataScope(DataScope scope) {
        if (scope == null) {
            throw new InvalidFieldException("dataScope", new InvalidValueException("identity.staff.scope-required", null));
        }
        return scope;
    }

    private record Scope(UUID body, DivisionCode division) {
    }

    /** An administrator manages the staff of their own body, or of every body in their division and below. */
    private Scope scopeOf(SignedIn admin) {
        if (!admin.staff() || !admin.has(StaffRole.SYSTEM_ADMIN)) {
            throw new NotPermittedException("identity.staff.out-of-scope");
        }
        var assignment = assignments.of(admin.accountId())
                .orElseThrow(() -> new NotPermittedException("identity.staff.out-of-scope"));
        return DataScope.BODY.name().equals(assignment.dataScope()) ? new Scope(assignment.bodyId(), null)
                : new Scope(null, DivisionCode.of(assignment.divisionCode()));
    }

    private void requireInScope(SignedIn admin, UUID bodyId) {
        Scope scope = scopeOf(admin);
        boolean inside = scope.body() != null ? scope.body().equals(bodyId)
                : scope.division().contains(DivisionCode.of(organization.body(bodyId).divisionCode()));
        if (!inside) {
            throw new NotPermittedException("identity.staff.out-of-scope");
        }
    }

    private static final String MEMBER_QUERY = "select a.id, a.name, a.id_number_masked, a.phone_masked, s.body_id, "
            + "s.division_code, s.roles, s.data_scope, a.status, a.password_change_required from identity_account a "
            + "join identity_staff_assignment s on s.account_id = a.id";

    private StaffMember find(UUID id) {
        return jdbc.query(MEMBER_QUERY + " where a.id = ?", (rs, i) -> member(rs), id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("identity.staff.not-found", id));
    }

    private static StaffMember member(java.sql.ResultSet rs) throws java.sql.SQLException {
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        for (String role : rs.getString(7).split(",")) {
            if (!role.isBlank()) {
                roles.add(StaffRole.valueOf(role));
            }
        }
        return new StaffMember(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, UUID.class), null, rs.getString(6), roles, DataScope.valueOf(rs.getString(8)),
                "ACTIVE".equals(rs.getString(9)), rs.getBoolean(10));
    }

    private StaffMember withBodyName(StaffMember m) {
        String bodyName;
        try {
            bodyName = organization.body(m.bodyId()).name();
        } catch (NotFoundException e) {
            bodyName = "";
        }
        return new StaffMember(m.id(), m.name(), m.idNumberMasked(), m.phoneMasked(), m.bodyId(), bodyName,
                m.divisionCode(), m.roles(), m.dataScope(), m.active(), m.passwordChangeRequired());
    }

    private static String names(Set<StaffRole> roles) {
        return roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    /** 14 random characters from letters and digits with two marks, meeting the password policy. */
    String initialPassword(String idNumber, String phone) {
        while (true) {
            StringBuilder password = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                password.append(PASSWORD_SYMBOLS.charAt(random.nextInt(PASSWORD_SYMBOLS.length())));
            }
            password.insert(random.nextInt(password.length()), PASSWORD_MARKS.charAt(random.nextInt(PASSWORD_MARKS.length())));
            password.insert(random.nextInt(password.length()), (char) ('2' + random.nextInt(8)));
            try {
                PasswordPolicy.check(password.toString(), idNumber, phone);
                return password.toString();
            } catch (InvalidValueException weak) {
                // draw again
            }
        }
    }
}
