package org.tongban.identity.sso;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The identity module's audit trail (table {@code identity_audit}, also logged to {@code tongban.audit.identity}):
 * who did what to which object. Written in the same transaction as the action, so an action is never without its
 * record nor a record without its action. Never holds secrets or clear personal identifiers.
 */
@Component
public class IdentityAudit {

    private static final Logger log = LoggerFactory.getLogger("tongban.audit.identity");

    public record Entry(Instant at, UUID actor, String action, String target, String detail) {
    }

    private final JdbcTemplate jdbc;

    IdentityAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(UUID actor, String action, String target, String detail) {
        jdbc.update("insert into identity_audit (actor, action, target, detail) values (?, ?, ?, ?)", actor, action,
                target, detail);
        log.info("{} {} by {}{}", action, target, actor, detail == null ? "" : " (" + detail + ")");
    }

    public List<Entry> recent(String targetPrefix, int limit) {
        return jdbc.query("select at, actor, action, target, detail from identity_audit where target like ? "
                        + "order by at desc, id desc limit ?",
                (rs, i) -> new Entry(rs.getTimestamp(1).toInstant(), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5)),
                targetPrefix.replace("%", "\\%") + "%", limit);
    }
}
