package org.tongban.identity.internal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.tongban.identity.StaffRole;

/** Which body and division a staff account works for, with its roles and data scope. */
@Component
public class StaffAssignments {

    public record Assignment(UUID bodyId, String divisionCode, Set<StaffRole> roles, String dataScope) {
    }

    private final JdbcTemplate jdbc;

    StaffAssignments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void assign(UUID account, UUID body, String division, Set<StaffRole> roles, String dataScope) {
        jdbc.update("insert into identity_staff_assignment (account_id, body_id, division_code, roles, data_scope) "
                + "values (?, ?, ?, ?, ?) on conflict (account_id) do update set body_id = excluded.body_id, "
                + "division_code = excluded.division_code, roles = excluded.roles, data_scope = excluded.data_scope",
                account, body, division, roles.stream().map(Enum::name).sorted().collect(Collectors.joining(",")),
                dataScope);
    }

    public Optional<Assignment> of(UUID account) {
        return jdbc.query("select body_id, division_code, roles, data_scope from identity_staff_assignment "
                + "where account_id = ?", (rs, i) -> new Assignment(rs.getObject(1, UUID.class), rs.getString(2),
                        roles(rs.getString(3)), rs.getString(4)), account).stream().findFirst();
    }

    private static Set<StaffRole> roles(String text) {
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        Arrays.stream(text.split(",")).filter(s -> !s.isBlank()).map(StaffRole::valueOf).forEach(roles::add);
        return roles;
    }
}
