package org.tongban.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tongban.cases.ProcessDefinition.Branch;
import org.tongban.cases.ProcessDefinition.Condition;
import org.tongban.cases.ProcessDefinition.Kind;
import org.tongban.cases.ProcessDefinition.Node;
import org.tongban.identity.StaffRole;

class ProcessDefinitionTests {

    private static Node node(String id, Kind kind, String next, StaffRole role) {
        return new Node(id, id, kind, kind == Kind.TASK || kind == Kind.DECISION ? "ITEM" : null, role, next, null,
                null, null, null, null);
    }

    private static ProcessDefinition of(Node... nodes) {
        return new ProcessDefinition("X", 1, "test", false, List.of(nodes));
    }

    @Test
    void aStraightProcessFromAcceptanceToCompletionMayBePublished() {
        ProcessDefinition ok = of(node("accept", Kind.START, "review", null),
                node("review", Kind.TASK, "decide", StaffRole.REVIEWER),
                node("decide", Kind.DECISION, "end", StaffRole.APPROVER), node("end", Kind.END, null, null));
        assertThat(ok.problems()).isEmpty();
    }

    @Test
    void deadEndsUnreachableNodesUnknownTargetsAndMissingRolesAreFound() {
        assertThat(of(node("accept", Kind.START, "review", null), node("review", Kind.TASK, "nowhere",
                StaffRole.REVIEWER), node("end", Kind.END, null, null)).problems())
                .extracting(ProcessDefinition.Problem::code).contains("cases.definition.unknown-next");
        // review ↔ loop never reaches the end; "orphan" is never reached.
        Node loop = new Node("loop", "loop", Kind.TASK, "ITEM", StaffRole.REVIEWER, "review", null, null, null, null,
                null);
        assertThat(of(node("accept", Kind.START, "review", null), node("review", Kind.TASK, "loop",
                StaffRole.REVIEWER), loop, node("orphan", Kind.TASK, "end", StaffRole.REVIEWER),
                node("end", Kind.END, null, null)).problems())
                .extracting(ProcessDefinition.Problem::code)
                .contains("cases.definition.end-unreachable", "cases.definition.unreachable",
                        "cases.definition.dead-end");
        assertThat(of(node("accept", Kind.START, "review", null), node("review", Kind.TASK, "end", null),
                node("end", Kind.END, null, null)).problems())
                .extracting(ProcessDefinition.Problem::code).containsExactly("cases.definition.actor-missing");
        Node lonely = new Node("joint", "并联", Kind.PARALLEL, null, null, "end", null, null, null,
                List.of(new Branch("a", "a", "NO_SUCH_CATEGORY", StaffRole.REVIEWER, 3)), null);
        assertThat(of(node("accept", Kind.START, "joint", null), lonely, node("end", Kind.END, null, null)).problems())
                .extracting(ProcessDefinition.Problem::code)
                .contains("cases.definition.parallel-branches", "cases.definition.actor-missing");
    }

    @Test
    void aConditionalTransitionSendsLargeAmountsToAHigherApprover() {
        Node review = new Node("review", "审查", Kind.TASK, "ITEM", StaffRole.REVIEWER, "decide", null,
                List.of(new Condition("business.capital", "GT", "1000000", "second")), null, null, null);
        ProcessDefinition definition = of(node("accept", Kind.START, "review", null), review,
                node("second", Kind.TASK, "decide", StaffRole.APPROVER),
                node("decide", Kind.DECISION, "end", StaffRole.APPROVER), node("end", Kind.END, null, null));
        assertThat(definition.problems()).isEmpty();
        assertThat(definition.after(review, Map.of("business.capital", "2000000.00")).id()).isEqualTo("second");
        assertThat(definition.after(review, Map.of("business.capital", "50000")).id()).isEqualTo("decide");
        assertThat(definition.after(review, Map.of()).id()).isEqualTo("decide");
    }
}
