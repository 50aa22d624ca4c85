package org.tongban.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.TongbanIntegrationTest;

@TongbanIntegrationTest
class AuditTrailIntegrationTests {

    @Autowired
    AuditTrail audit;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anEventJoinsTheActionsTransactionAndRollsBackWithIt() {
        String target = UUID.randomUUID().toString();
        transactions.executeWithoutResult(tx -> audit.record(
                new AuditTrail.Event("test", "kept", null, null, "thing", target, "committed")));
        try {
            transactions.executeWithoutResult(tx -> {
                audit.record(new AuditTrail.Event("test", "lost", null, null, "thing", target, "rolled back"));
                throw new IllegalStateException("the action failed");
            });
        } catch (IllegalStateException expected) {
            // the action and its record are gone together
        }
        assertThat(audit.about("thing", target, 10)).extracting(AuditTrail.Recorded::action).containsExactly("kept");
    }

    @Test
    void theTrailCannotBeEditedOrDeleted() {
        UUID actor = UUID.randomUUID();
        audit.recordAlone(new AuditTrail.Event("test", "granted", actor, "管理员", "account", "a-1", "L3"));
        jdbc.update("update platform_audit_event set action = 'forged' where actor_id = ?", actor);
        jdbc.update("delete from platform_audit_event where actor_id = ?", actor);
        assertThat(audit.by(actor, 10)).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("granted");
            assertThat(event.actorName()).isEqualTo("管理员");
            assertThat(event.detail()).isEqualTo("L3");
        });
    }
}
