package org.tongban.identity;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who works in a body, for other modules that hand work to a named colleague (e.g. assigning a case task within the
 * body). Only active staff accounts, by name and roles; no identifiers beyond the account id.
 */
@Service
@Transactional(readOnly = true)
public class StaffDirectory {

    /** An active staff member of a body. */
    public record Colleague(UUID id, String name, Set<StaffRole> roles) {

        public boolean has(StaffRole role) {
            return roles.contains(role);
        }
    }

    private final JdbcTemplate jdbc;

    StaffDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The active staff members of the body, by name. */
    public List<Colleague> activeStaff(UUID body) {
        return jdbc.query("""
                select a.id, a.name, s.roles from identity_account a
                join identity_staff_assignment s on s.account_id = a.id
                where s.body_id = ? and a.kind = 'STAFF' and a.status = 'ACTIVE' order by a.name, a.id""",
                (rs, n) -> new Colleague(rs.getObject(1, UUID.class), rs.getString(2), roles(rs.getString(3))), body);
    }

    /** An active staff member holding a role, with the division of their body (their scope as a supervisor). */
    public record RoleHolder(UUID id, String name, String divisionCode) {
    }

    /** The active staff members holding the role anywhere in the province, by division. */
    public List<RoleHolder> activeWithRole(StaffRole role) {
        return jdbc.query("""
                select a.id, a.name, s.division_code, s.roles from identity_account a
                join identity_staff_assignment s on s.account_id = a.id
                where a.kind = 'STAFF' and a.status = 'ACTIVE' and s.roles like ? order by s.division_code, a.id""",
                (rs, n) -> roles(rs.getString(4)).contains(role)
                        ? new RoleHolder(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)) : null,
                "%" + role.name() + "%").stream().filter(java.util.Objects::nonNull).toList();
    }

    private static Set<StaffRole> roles(String names) {
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        for (String role : names.split(",")) {
            if (!role.isBlank()) {
                try {
                    roles.add(StaffRole.valueOf(role.strip()));
                } catch (IllegalArgumentException unknown) {
                    // A role this version does not know grants nothing.
                }
            }
        }
        return roles;
    }
}
