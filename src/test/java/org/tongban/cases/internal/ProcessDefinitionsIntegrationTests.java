package org.tongban.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.TongbanIntegrationTest;
import org.tongban.cases.ProcessDefinition;

/** Stored process definitions and the cache of committed versions the engine reads on every action. */
@TongbanIntegrationTest
class ProcessDefinitionsIntegrationTests {

    @Autowired
    ProcessDefinitions definitions;
    @Autowired
    TransactionTemplate transactions;

    private static List<ProcessDefinition.Node> nodes() {
        return List.of(
                new ProcessDefinition.Node("accept", "受理", ProcessDefinition.Kind.START, null, null, "end", null,
                        List.of(), List.of(), List.of(), null),
                new ProcessDefinition.Node("end", "办结", ProcessDefinition.Kind.END, null, null, null, null,
                        List.of(), List.of(), List.of(), null));
    }

    @Test
    void aVersionReadInATransactionThatRollsBackIsNotServedLaterWhenTheNumberIsPublishedAgain() {
        String item = "CACHE" + UUID.randomUUID().toString().substring(0, 8);
        transactions.executeWithoutResult(status -> {
            int version = definitions.publish(item, "撤回的版本", false, nodes(), null, null);
            assertThat(definitions.version(item, version).name()).isEqualTo("撤回的版本");
            status.setRollbackOnly();
        });
        int again = transactions.execute(status -> definitions.publish(item, "生效的版本", false, nodes(), null, null));
        assertThat(again).isEqualTo(1);
        assertThat(definitions.version(item, 1).name()).isEqualTo("生效的版本");
        assertThat(definitions.latest(item)).map(ProcessDefinition::name).contains("生效的版本");
        // Read again (now from the cache): the same committed version.
        assertThat(definitions.version(item, 1)).isEqualTo(definitions.version(item, 1));
    }

    @Test
    void anUnknownVersionIsNotFound() {
        assertThat(definitions.findVersion("NO-SUCH-ITEM", 1)).isEmpty();
        assertThatThrownBy(() -> definitions.version("NO-SUCH-ITEM", 1))
                .isInstanceOf(EmptyResultDataAccessException.class);
    }
}
