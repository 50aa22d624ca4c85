package org.tongban.cases;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tongban.identity.StaffRole;
import org.tongban.organization.BodyCategory;

/**
 * A process definition (办理流程定义) of an implementation item, as data: the nodes 受理 → 审查 → 决定 → 制证 → 送达
 * (办结), each naming the body and role that act, the previous nodes a case may be returned to and the next node, with
 * conditional transitions on the form's values; and parallel blocks (并联审批, 行政许可法 Art. 26) whose branches run
 * in different bodies at once and join before the next node. A case keeps the version it started with.
 *
 * @param joint handled jointly by several bodies: 45 working days, +15 on extension (行政许可法 Art. 42 para. 2)
 */
public record ProcessDefinition(String itemCode, int version, String name, boolean joint, List<Node> nodes) {

    public ProcessDefinition {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** What a node is. */
    public enum Kind {
        /** 受理: the acceptance decision taken before the process starts. */
        START,
        /** A step one body handles (审查, 制证, 送达 ...). */
        TASK,
        /** 并联: branches in several bodies at once. */
        PARALLEL,
        /** 决定: 准予 or 不予许可. */
        DECISION,
        /** 办结 */
        END
    }

    /**
     * One node.
     *
     * @param body {@code ITEM} for the item's own body, or a {@link BodyCategory} name: the body of that category in
     *        the item's division
     * @param next the node after approval; {@code when} conditions are tried first
     * @param refusedNext for a decision: the node after a refusal (no certificate is made)
     * @param returnTo earlier nodes a case may be sent back to from here
     * @param days working days this node may take (its own deadline); {@code null} for the case's limit
     */
    public record Node(String id, String name, Kind kind, String body, StaffRole role, String next, String refusedNext,
            List<Condition> when, List<String> returnTo, List<Branch> branches, Integer days) {

        public Node {
            when = when == null ? List.of() : List.copyOf(when);
            returnTo = returnTo == null ? List.of() : List.copyOf(returnTo);
            branches = branches == null ? List.of() : List.copyOf(branches);
        }
    }

    /** One branch of a parallel block: its body, role and own deadline in working days. */
    public record Branch(String id, String name, String body, StaffRole role, int days) {
    }

    /**
     * A conditional transition: when the form value {@code field} compares with {@code value} by {@code op}
     * ({@code GT}, {@code GE}, {@code LT}, {@code EQ}, {@code NE}), go to {@code next}. Numbers compare as numbers.
     */
    public record Condition(String field, String op, String value, String next) {

        boolean holds(Map<String, String> values) {
            String actual = values.get(field);
            if (actual == null || actual.isBlank()) {
                return "NE".equals(op) && value != null && !value.isBlank();
            }
            int comparison;
            try {
                comparison = new BigDecimal(actual.strip()).compareTo(new BigDecimal(value.strip()));
            } catch (NumberFormatException e) {
                comparison = actual.strip().compareTo(value.strip());
            }
            return switch (op) {
                case "GT" -> comparison > 0;
                case "GE" -> comparison >= 0;
                case "LT" -> comparison < 0;
                case "EQ" -> comparison == 0;
                case "NE" -> comparison != 0;
                default -> false;
            };
        }
    }

    public Optional<Node> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public Node start() {
        return nodes.stream().filter(n -> n.kind() == Kind.START).findFirst()
                .orElseThrow(() -> new IllegalStateException("No start node in " + itemCode + " v" + version));
    }

    /** The node that follows {@code node} for a case with these form values: the first condition that holds wins. */
    public Node after(Node node, Map<String, String> values) {
        String target = node.when().stream().filter(c -> c.holds(values)).map(Condition::next).findFirst()
                .orElse(node.next());
        return node(target).orElseThrow(() -> new IllegalStateException("Unknown node " + target));
    }

    /** One problem found by {@link #problems()}; {@code code} is a message key. */
    public record Problem(String code, String node) {
    }

    /**
     * What keeps this definition from being published: unknown or duplicate nodes, a missing role or body, a parallel
     * block with fewer than two branches, an end that cannot be reached, or a node from which no end can be reached
     * (a dead end). Empty when it may be published.
     */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        Map<String, Node> byId = new HashMap<>();
        for (Node n : nodes) {
            if (n.id() == null || n.id().isBlank() || byId.put(n.id(), n) != null) {
                problems.add(new Problem("cases.definition.duplicate-node", n.id()));
            }
        }
        if (nodes.stream().filter(n -> n.kind() == Kind.START).count() != 1) {
            problems.add(new Problem("cases.definition.one-start", null));
        }
        if (nodes.stream().noneMatch(n -> n.kind() == Kind.END)) {
            problems.add(new Problem("cases.definition.no-end", null));
        }
        for (Node n : nodes) {
            for (String target : targets(n)) {
                if (!byId.containsKey(target)) {
                    problems.add(new Problem("cases.definition.unknown-next", n.id()));
                }
            }
            if (n.kind() != Kind.END && n.next() == null) {
                problems.add(new Problem("cases.definition.no-next", n.id()));
            }
            if ((n.kind() == Kind.TASK || n.kind() == Kind.DECISION) && (n.role() == null || !validBody(n.body()))) {
                problems.add(new Problem("cases.definition.actor-missing", n.id()));
            }
            if (n.kind() == Kind.PARALLEL) {
                if (n.branches().size() < 2) {
                    problems.add(new Problem("cases.definition.parallel-branches", n.id()));
                }
                for (Branch b : n.branches()) {
                    if (b.role() == null || !validBody(b.body()) || b.days() < 1) {
                        problems.add(new Problem("cases.definition.actor-missing", n.id() + "/" + b.id()));
                    }
                }
            }
            for (String back : n.returnTo()) {
                if (!byId.containsKey(back)) {
                    problems.add(new Problem("cases.definition.unknown-return", n.id()));
                }
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        Set<String> reachable = reach(start().id(), byId);
        if (nodes.stream().noneMatch(n -> n.kind() == Kind.END && reachable.contains(n.id()))) {
            problems.add(new Problem("cases.definition.end-unreachable", null));
        }
        for (Node n : nodes) {
            if (!reachable.contains(n.id())) {
                problems.add(new Problem("cases.definition.unreachable", n.id()));
            } else if (reach(n.id(), byId).stream().noneMatch(id -> byId.get(id).kind() == Kind.END)) {
                problems.add(new Problem("cases.definition.dead-end", n.id()));
            }
        }
        return problems;
    }

    private static boolean validBody(String body) {
        if ("ITEM".equals(body)) {
            return true;
        }
        try {
            BodyCategory.valueOf(body);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static List<String> targets(Node n) {
        List<String> targets = new ArrayList<>();
        if (n.next() != null) {
            targets.add(n.next());
        }
        if (n.refusedNext() != null) {
            targets.add(n.refusedNext());
        }
        n.when().forEach(c -> targets.add(c.next()));
        return targets;
    }

    private static Set<String> reach(String from, Map<String, Node> byId) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            Node n = byId.get(id);
            if (n != null && seen.add(id)) {
                todo.addAll(targets(n));
            }
        }
        return seen;
    }
}
