package org.tongban.cases.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tongban.cases.ProcessAdministration;
import org.tongban.cases.ProcessDefinition;
import org.tongban.cases.ProcessDefinition.Kind;
import org.tongban.identity.StaffRole;

/**
 * The form-based editor of a process definition: the whole definition as plain inputs bound by Spring
 * ({@code nodes[2].branches[1].role}), posted whole on every button, so adding, removing and moving nodes, branches and
 * conditional transitions is done by the server and works without scripts. Only the fields a node's kind uses are
 * kept when it becomes a {@link ProcessAdministration.Draft}; nothing else is decided here — the definition's own
 * {@link ProcessDefinition#problems()} judges it.
 */
public class ProcessEditor {

    /** The comparisons a conditional transition may use (see {@link ProcessDefinition.Condition}). */
    static final List<String> OPERATORS = List.of("GT", "GE", "LT", "EQ", "NE");

    private String name;
    private boolean joint;
    private List<NodeRow> nodes = new ArrayList<>();

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isJoint() {
        return joint;
    }

    public void setJoint(boolean joint) {
        this.joint = joint;
    }

    public List<NodeRow> getNodes() {
        return nodes;
    }

    public void setNodes(List<NodeRow> nodes) {
        this.nodes = nodes;
    }

    /** One node as typed. */
    public static class NodeRow {

        private String id;
        private String name;
        private Kind kind;
        private String body;
        private StaffRole role;
        private String next;
        private String refusedNext;
        private List<ConditionRow> when = new ArrayList<>();
        private List<String> returnTo = new ArrayList<>();
        private List<BranchRow> branches = new ArrayList<>();
        private Integer days;

        /** Whether a node of this kind is handled by one body and role (and may take its own days). */
        public boolean acted() {
            return kind == Kind.TASK || kind == Kind.DECISION;
        }

        public boolean ends() {
            return kind == Kind.END;
        }

        public boolean parallel() {
            return kind == Kind.PARALLEL;
        }

        public boolean decision() {
            return kind == Kind.DECISION;
        }

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Kind getKind() {
            return kind;
        }

        public void setKind(Kind kind) {
            this.kind = kind;
        }

        public String getBody() {
            return body;
        }

        public void setBody(String body) {
            this.body = body;
        }

        public StaffRole getRole() {
            return role;
        }

        public void setRole(StaffRole role) {
            this.role = role;
        }

        public String getNext() {
            return next;
        }

        public void setNext(String next) {
            this.next = next;
        }

        public String getRefusedNext() {
            return refusedNext;
        }

        public void setRefusedNext(String refusedNext) {
            this.refusedNext = refusedNext;
        }

        public List<ConditionRow> getWhen() {
            return when;
        }

        public void setWhen(List<ConditionRow> when) {
            this.when = when;
        }

        public List<String> getReturnTo() {
            return returnTo;
        }

        public void setReturnTo(List<String> returnTo) {
            this.returnTo = returnTo;
        }

        public List<BranchRow> getBranches() {
            return branches;
        }

        public void setBranches(List<BranchRow> branches) {
            this.branches = branches;
        }

        public Integer getDays() {
            return days;
        }

        public void setDays(Integer days) {
            this.days = days;
        }
    }

    /** One conditional transition as typed. */
    public static class ConditionRow {

        private String field;
        private String op;
        private String value;
        private String next;

        public String getField() {
            return field;
        }

        public void setField(String field) {
            this.field = field;
        }

        public String getOp() {
            return op;
        }

        public void setOp(String op) {
            this.op = op;
        }

        public String getValue() {
            return value;
        }

        public void setValue(String value) {
            this.value = value;
        }

        public String getNext() {
            return next;
        }

        public void setNext(String next) {
            this.next = next;
        }
    }

    /** One branch of a parallel block as typed. */
    public static class BranchRow {

        private String id;
        private String name;
        private String body;
        private StaffRole role;
        private Integer days;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getBody() {
            return body;
        }

        public void setBody(String body) {
            this.body = body;
        }

        public StaffRole getRole() {
            return role;
        }

        public void setRole(StaffRole role) {
            this.role = role;
        }

        public Integer getDays() {
            return days;
        }

        public void setDays(Integer days) {
            this.days = days;
        }
    }

    /** The editor showing a definition. */
    static ProcessEditor of(ProcessDefinition definition) {
        ProcessEditor editor = new ProcessEditor();
        editor.name = definition.name();
        editor.joint = definition.joint();
        for (ProcessDefinition.Node n : definition.nodes()) {
            NodeRow row = new NodeRow();
            row.id = n.id();
            row.name = n.name();
            row.kind = n.kind();
            row.body = n.body();
            row.role = n.role();
            row.next = n.next();
            row.refusedNext = n.refusedNext();
            row.returnTo = new ArrayList<>(n.returnTo());
            row.days = n.days();
            for (ProcessDefinition.Condition c : n.when()) {
                ConditionRow condition = new ConditionRow();
                condition.field = c.field();
                condition.op = c.op();
                condition.value = c.value();
                condition.next = c.next();
                row.when.add(condition);
            }
            for (ProcessDefinition.Branch b : n.branches()) {
                BranchRow branch = new BranchRow();
                branch.id = b.id();
                branch.name = b.name();
                branch.body = b.body();
                branch.role = b.role();
                branch.days = b.days();
                row.branches.add(branch);
            }
            editor.nodes.add(row);
        }
        return editor;
    }

    /**
     * Drops the holes that indices missing from a request leave in the bound lists, and reads a node without a kind
     * as a step, so that the editor shows, and the buttons' positions count, exactly the rows there are.
     */
    ProcessEditor compact() {
        name = trim(name);
        nodes = new ArrayList<>(rows());
        for (NodeRow row : nodes) {
            row.kind = row.kind == null ? Kind.TASK : row.kind;
            row.id = trim(row.id);
            row.name = trim(row.name);
            row.body = trim(row.body);
            row.next = trim(row.next);
            row.refusedNext = trim(row.refusedNext);
            row.when = new ArrayList<>(row.when == null ? List.of()
                    : row.when.stream().filter(c -> c != null).toList());
            row.branches = new ArrayList<>(row.branches == null ? List.of()
                    : row.branches.stream().filter(b -> b != null).toList());
            row.returnTo = new ArrayList<>(row.returnTo == null ? List.of()
                    : row.returnTo.stream().filter(r -> r != null && !r.isBlank()).map(String::strip).toList());
            for (ConditionRow c : row.when) {
                c.field = trim(c.field);
                c.op = trim(c.op);
                c.value = trim(c.value);
                c.next = trim(c.next);
            }
            for (BranchRow b : row.branches) {
                b.id = trim(b.id);
                b.name = trim(b.name);
                b.body = trim(b.body);
            }
        }
        return this;
    }

    /**
     * The definition as typed, keeping of each node what its kind uses: a start node its transitions, a step and a
     * decision their body, role, days and return targets (a decision also the node after a refusal), a parallel block
     * its branches, an end nothing but its name.
     */
    ProcessAdministration.Draft toDraft() {
        List<ProcessDefinition.Node> result = new ArrayList<>();
        for (NodeRow row : rows()) {
            Kind kind = row.kind == null ? Kind.TASK : row.kind;
            boolean end = kind == Kind.END;
            boolean acted = kind == Kind.TASK || kind == Kind.DECISION;
            List<ProcessDefinition.Condition> when = end ? List.of() : row.when.stream().filter(c -> c != null
                            && !(blank(c.field) && blank(c.value) && blank(c.next)))
                    .map(c -> new ProcessDefinition.Condition(trim(c.field), trim(c.op), trim(c.value), trim(c.next)))
                    .toList();
            List<ProcessDefinition.Branch> branches = kind != Kind.PARALLEL ? List.of() : row.branches.stream()
                    .filter(b -> b != null)
                    .map(b -> new ProcessDefinition.Branch(id(b.id), trim(b.name), trim(b.body), b.role,
                            b.days == null ? 0 : b.days))
                    .toList();
            List<String> returnTo = acted ? row.returnTo.stream().map(ProcessEditor::trim).filter(t -> t != null)
                    .toList() : List.of();
            result.add(new ProcessDefinition.Node(id(row.id), trim(row.name), kind, acted ? trim(row.body) : null,
                    acted ? row.role : null, end ? null : trim(row.next),
                    kind == Kind.DECISION ? trim(row.refusedNext) : null, when, returnTo, branches,
                    acted ? row.days : null));
        }
        return new ProcessAdministration.Draft(trim(name), joint, result);
    }

    /**
     * Carries out a change of the editor's structure named by a button ({@code add-node}, {@code remove-node:2},
     * {@code up:2}, {@code down:2}, {@code add-branch:2}, {@code remove-branch:2:0}, {@code add-condition:2},
     * {@code remove-condition:2:0}, {@code refresh:2}); answers the id of the control to focus on the re-rendered page,
     * so a keyboard user stays where they worked: the new row's first input, or the moved node's button.
     *
     * @throws IllegalArgumentException for an operation it does not know or a position that does not exist
     */
    String apply(String op) {
        String[] parts = op.split(":");
        nodes = new ArrayList<>(rows());
        int at = parts.length > 1 ? index(parts[1], nodes.size()) : -1;
        switch (parts[0]) {
            case "add-node" -> {
                NodeRow row = new NodeRow();
                row.id = freshId("step", ids());
                row.kind = Kind.TASK;
                row.body = "ITEM";
                // Before the end node when the list ends with one, so the new step sits where steps go.
                int position = !nodes.isEmpty() && nodes.getLast().kind == Kind.END ? nodes.size() - 1 : nodes.size();
                nodes.add(position, row);
                return "n" + position + "-id";
            }
            case "remove-node" -> {
                nodes.remove(at);
                return nodes.isEmpty() ? "add-node" : "n" + Math.min(at, nodes.size() - 1) + "-id";
            }
            case "up", "down" -> {
                int target = parts[0].equals("up") ? Math.max(at - 1, 0) : Math.min(at + 1, nodes.size() - 1);
                Collections.swap(nodes, at, target);
                if (nodes.size() == 1) {
                    return "n0-id";
                }
                // The same button again, unless the node reached the end it moved towards (that button is disabled).
                boolean up = parts[0].equals("up") ? target > 0 : target == nodes.size() - 1;
                return "n" + target + (up ? "-up" : "-down");
            }
            case "add-branch" -> {
                NodeRow row = nodes.get(at);
                BranchRow branch = new BranchRow();
                Set<String> taken = new HashSet<>();
                row.branches.stream().filter(b -> b != null && b.id != null).forEach(b -> taken.add(b.id.strip()));
                branch.id = freshId("branch", taken);
                row.branches = new ArrayList<>(row.branches);
                row.branches.add(branch);
                return "n" + at + "-b" + (row.branches.size() - 1) + "-id";
            }
            case "remove-branch" -> {
                NodeRow row = nodes.get(at);
                row.branches = new ArrayList<>(row.branches);
                row.branches.remove(index(parts.length > 2 ? parts[2] : "", row.branches.size()));
                return "n" + at + "-add-branch";
            }
            case "add-condition" -> {
                NodeRow row = nodes.get(at);
                ConditionRow condition = new ConditionRow();
                condition.op = "EQ";
                row.when = new ArrayList<>(row.when);
                row.when.add(condition);
                return "n" + at + "-c" + (row.when.size() - 1) + "-field";
            }
            case "remove-condition" -> {
                NodeRow row = nodes.get(at);
                row.when = new ArrayList<>(row.when);
                row.when.remove(index(parts.length > 2 ? parts[2] : "", row.when.size()));
                return "n" + at + "-add-condition";
            }
            case "refresh" -> {
                return "n" + at + "-kind";
            }
            default -> throw new IllegalArgumentException("Unknown editor operation " + op);
        }
    }

    /** The ids typed so far, in order, without blanks and repeats (the choices of "next node" selects). */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (NodeRow row : rows()) {
            String id = trim(row.id);
            if (id != null && !ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The rows Spring bound, without the holes an index left out of the request leaves. */
    private List<NodeRow> rows() {
        return nodes.stream().filter(n -> n != null).toList();
    }

    private static int index(String text, int size) {
        try {
            int index = Integer.parseInt(text);
            if (index >= 0 && index < size) {
                return index;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("No position " + text);
    }

    private static String freshId(String prefix, java.util.Collection<String> taken) {
        int n = 1;
        while (taken.contains(prefix + n)) {
            n++;
        }
        return prefix + n;
    }

    private static String id(String value) {
        return value == null ? "" : value.strip();
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
