package org.tongban.identity;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Which government body a registered client system (业务系统) belongs to, for modules that authorize calls made with
 * the system's own OAuth2 client-credentials token (e.g. the exchange gateway). Disabled systems belong to nobody.
 */
@Service
public class ClientSystemDirectory {

    /** An enabled client system and the body that owns it. */
    public record OwnedClient(String clientId, String name, UUID bodyId, String bodyName) {
    }

    private final JdbcTemplate jdbc;

    ClientSystemDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OwnedClient> enabled(String clientId) {
        return jdbc.query("select client_id, name, body_id, body_name from identity_client_system "
                + "where client_id = ? and enabled", (rs, i) -> new OwnedClient(rs.getString(1), rs.getString(2),
                        rs.getObject(3, UUID.class), rs.getString(4)), clientId).stream().findFirst();
    }
}
