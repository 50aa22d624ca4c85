package org.tongban.cases.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.tongban.cases.ProcessDefinition;
import org.tongban.cases.ProcessDefinition.Kind;

/**
 * A process definition drawn as a graph (流程图), as server-side SVG: no script, no library. The layout is layered
 * from the top: each node is placed one layer below the furthest node that leads to it (the longest path from
 * 受理, transitions that go back — a cycle, a return — left out), nodes of one layer side by side in the order of the
 * definition. A parallel block (并联审批) is one wide node: a fork bar, its branches in lanes side by side, and a join
 * bar. Every transition is drawn with right angles through the free space between layers: straight down to the next
 * layer, or round the side (a channel of its own at the right for a jump forward, at the left for a way back), so no
 * line crosses a box. Solid arrows are the next node, blue ones a conditional transition labelled with its
 * condition, dashed red ones the node after a refusal (不予许可), dashed brown ones a return (退回).
 *
 * <p>The same definition gives the same drawing, byte for byte. The text is the message bundle's; the drawing is an
 * image for assistive technology ({@code role="img"} with a title and a description); the page keeps the textual
 * list of the nodes next to it.
 */
public final class ProcessDiagram {

    static final int BOX_W = 188;
    static final int BOX_H = 78;
    static final int H_GAP = 32;
    static final int PAD = 20;
    static final int LANE_PAD = 12;
    static final int BAR_H = 6;
    static final int BLOCK_LABEL = 24;
    static final int BLOCK_GAP = 22;
    static final int CHANNEL = 14;
    static final int GAP_BASE = 28;
    static final int SLOT = 10;
    static final int LABELLED_SLOT = 22;
    static final int MAX_LABEL = 320;

    private ProcessDiagram() {
    }

    /** What a line stands for. */
    public enum EdgeKind {
        NEXT, CONDITION, REFUSED, RETURN, FORK, JOIN
    }

    public record Point(double x, double y) {
    }

    /** A box: a node, or a branch of a parallel node ({@code branch} set). */
    public record Box(int node, String nodeId, String branch, int branchIndex, double x, double y, double w,
            double h) {

        boolean overlaps(Box o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }
    }

    /** A parallel block's frame with its fork and join bars. */
    public record Block(int node, String nodeId, double x, double y, double w, double h, double forkY, double joinY) {
    }

    /**
     * One line from node {@code from} to node {@code to} (positions in the definition); for the lines inside a
     * parallel block, {@code branch} names the branch.
     */
    public record Edge(EdgeKind kind, int from, int to, String branch, ProcessDefinition.Condition condition,
            List<Point> points) {
    }

    public record Layout(double width, double height, List<Box> boxes, List<Block> blocks, List<Edge> edges,
            Map<Integer, Integer> ranks) {

        public List<Box> nodeBoxes() {
            return boxes.stream().filter(b -> b.branch() == null).toList();
        }
    }

    /** The texts of the drawing, from the message bundles in the reader's language. */
    public interface Texts {

        String get(String key, Object... args);

        static Texts of(MessageSource messages, Locale locale) {
            return (key, args) -> messages.getMessage(key, args, key, locale);
        }
    }

    private record Link(EdgeKind kind, int from, int to, ProcessDefinition.Condition condition) {
    }

    // ------------------------------------------------------------------------------------------------ layout

    /** Places every node, branch and transition of the definition (also of an invalid, unsaved one). */
    public static Layout layout(ProcessDefinition definition) {
        List<ProcessDefinition.Node> nodes = definition.nodes();
        int n = nodes.size();
        Map<String, Integer> byId = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String id = nodes.get(i).id();
            if (id != null && !id.isBlank()) {
                byId.putIfAbsent(id.strip(), i);
            }
        }
        // Every transition to a known node, in a fixed order.
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ProcessDefinition.Node node = nodes.get(i);
            int from = i;
            for (ProcessDefinition.Condition c : node.when()) {
                target(byId, c.next()).ifPresent(t -> links.add(new Link(EdgeKind.CONDITION, from, t, c)));
            }
            if (node.kind() != Kind.END) {
                target(byId, node.next()).ifPresent(t -> links.add(new Link(EdgeKind.NEXT, from, t, null)));
            }
            target(byId, node.refusedNext()).ifPresent(t -> links.add(new Link(EdgeKind.REFUSED, from, t, null)));
            for (String back : node.returnTo()) {
                target(byId, back).ifPresent(t -> links.add(new Link(EdgeKind.RETURN, from, t, null)));
            }
        }
        // Layers: the longest path over the transitions that do not close a cycle.
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (nodes.get(i).kind() == Kind.START) {
                start = i;
                break;
            }
        }
        boolean[] forward = new boolean[links.size()];
        int[] state = new int[n]; // 0 unseen, 1 on the path, 2 done
        if (n > 0) {
            visit(start, links, state, forward);
            for (int i = 0; i < n; i++) {
                if (state[i] == 0) {
                    visit(i, links, state, forward);
                }
            }
        }
        int[] rank = new int[n];
        int[] incoming = new int[n];
        for (int e = 0; e < links.size(); e++) {
            if (forward[e]) {
                incoming[links.get(e).to()]++;
            }
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (incoming[i] == 0) {
                ready.add(i);
            }
        }
        while (!ready.isEmpty()) {
            int i = ready.poll();
            for (int e = 0; e < links.size(); e++) {
                Link l = links.get(e);
                if (forward[e] && l.from() == i) {
                    rank[l.to()] = Math.max(rank[l.to()], rank[i] + 1);
                    if (--incoming[l.to()] == 0) {
                        ready.add(l.to());
                    }
                }
            }
        }
        int layers = 0;
        for (int r : rank) {
            layers = Math.max(layers, r + 1);
        }
        List<List<Integer>> layer = new ArrayList<>();
        for (int r = 0; r < layers; r++) {
            layer.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            layer.get(rank[i]).add(i);
        }

        // Sizes.
        double[] w = new double[n];
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            ProcessDefinition.Node node = nodes.get(i);
            if (node.kind() == Kind.PARALLEL) {
                int k = Math.max(1, node.branches().size());
                w[i] = k * BOX_W + (k - 1) * H_GAP + 2 * LANE_PAD;
                h[i] = BLOCK_LABEL + BAR_H + BLOCK_GAP + BOX_H + BLOCK_GAP + BAR_H + LANE_PAD;
            } else {
                w[i] = BOX_W;
                h[i] = BOX_H;
            }
        }
        double contentW = 0;
        double[] layerH = new double[layers];
        for (int r = 0; r < layers; r++) {
            double lw = -H_GAP;
            for (int i : layer.get(r)) {
                lw += w[i] + H_GAP;
                layerH[r] = Math.max(layerH[r], h[i]);
            }
            contentW = Math.max(contentW, lw);
        }

        // Routes: which gap (0 above the first layer ... layers below the last) each line crosses, in slots.
        int[] gapSlots = new int[layers + 1];
        double[] gapUse = new double[layers + 1];
        record Route(Link link, int exitGap, double exitOffset, int entryGap, double entryOffset, int channel,
                boolean right) {
        }
        List<Route> routes = new ArrayList<>();
        int leftChannels = 0;
        int rightChannels = 0;
        for (Link l : links) {
            int rs = rank[l.from()];
            int rt = rank[l.to()];
            double slot = l.kind() == EdgeKind.NEXT ? SLOT : LABELLED_SLOT;
            int exitGap = rs + 1;
            double exitOffset = gapUse[exitGap] + slot;
            gapUse[exitGap] += slot;
            gapSlots[exitGap]++;
            if (rt == rs + 1) {
                routes.add(new Route(l, exitGap, exitOffset, exitGap, exitOffset, -1, false));
            } else {
                boolean right = rt > rs;
                int channel = right ? rightChannels++ : leftChannels++;
                double entrySlot = slot;
                double entryOffset = gapUse[rt] + entrySlot;
                gapUse[rt] += entrySlot;
                gapSlots[rt]++;
                routes.add(new Route(l, exitGap, exitOffset, rt, entryOffset, channel, right));
            }
        }
        double left = PAD + (leftChannels > 0 ? leftChannels * CHANNEL + 8 : 0);
        double width = left + Math.max(contentW, BOX_W) + (rightChannels > 0 ? rightChannels * CHANNEL + 8 : 0)
                + PAD;
        double[] gapTop = new double[layers + 1];
        double[] layerTop = new double[layers];
        double y = PAD;
        for (int r = 0; r <= layers; r++) {
            gapTop[r] = y;
            double gap = r == 0 || r == layers ? (gapSlots[r] == 0 ? 0 : gapUse[r] + 10) : GAP_BASE + gapUse[r];
            y += gap;
            if (r < layers) {
                layerTop[r] = y;
                y += layerH[r];
            }
        }
        double height = y + PAD;

        // Boxes, layer by layer, each layer centred.
        double[] x = new double[n];
        double[] top = new double[n];
        List<Box> boxes = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        double centre = left + Math.max(contentW, BOX_W) / 2;
        for (int r = 0; r < layers; r++) {
            double lw = -H_GAP;
            for (int i : layer.get(r)) {
                lw += w[i] + H_GAP;
            }
            double cx = centre - lw / 2;
            for (int i : layer.get(r)) {
                x[i] = cx;
                top[i] = layerTop[r];
                ProcessDefinition.Node node = nodes.get(i);
                if (node.kind() == Kind.PARALLEL) {
                    double forkY = top[i] + BLOCK_LABEL;
                    double branchY = forkY + BAR_H + BLOCK_GAP;
                    double joinY = branchY + BOX_H + BLOCK_GAP;
                    blocks.add(new Block(i, node.id(), x[i], top[i], w[i], h[i], forkY, joinY));
                    double bx = x[i] + LANE_PAD;
                    for (int k = 0; k < node.branches().size(); k++) {
                        ProcessDefinition.Branch b = node.branches().get(k);
                        boxes.add(new Box(i, node.id(), b.id() == null ? "" : b.id(), k, bx, branchY, BOX_W,
                                BOX_H));
                        double mid = bx + BOX_W / 2;
                        edges.add(new Edge(EdgeKind.FORK, i, i, b.id(), null,
                                List.of(new Point(mid, forkY + BAR_H), new Point(mid, branchY))));
                        edges.add(new Edge(EdgeKind.JOIN, i, i, b.id(), null,
                                List.of(new Point(mid, branchY + BOX_H), new Point(mid, joinY))));
                        bx += BOX_W + H_GAP;
                    }
                }
                boxes.add(new Box(i, node.id(), null, -1, x[i], top[i], w[i], h[i]));
                cx += w[i] + H_GAP;
            }
        }

        // Ports: the lines leaving a node spread over its bottom, those arriving over its top.
        Map<Integer, List<Route>> leaving = new LinkedHashMap<>();
        Map<Integer, List<Route>> arriving = new LinkedHashMap<>();
        for (Route route : routes) {
            leaving.computeIfAbsent(route.link().from(), k -> new ArrayList<>()).add(route);
            arriving.computeIfAbsent(route.link().to(), k -> new ArrayList<>()).add(route);
        }
        // Ordered by where the other end lies (the left channel first, the right one last), so lines do not cross
        // where they leave or arrive; the sort is stable, ties keep the definition's order.
        for (List<Route> out : leaving.values()) {
            out.sort(java.util.Comparator.comparingDouble(r -> r.channel() < 0 ? x[r.link().to()]
                    + w[r.link().to()] / 2 : r.right() ? Double.MAX_VALUE : -Double.MAX_VALUE));
        }
        for (List<Route> in : arriving.values()) {
            in.sort(java.util.Comparator.comparingDouble(r -> r.channel() < 0 ? x[r.link().from()]
                    + w[r.link().from()] / 2 : r.right() ? Double.MAX_VALUE : -Double.MAX_VALUE));
        }
        // Where each line leaves its node: an arriving line moves aside rather than run down the same x as a line
        // leaving a node of the layer above through the same gap.
        Map<Integer, List<Double>> exits = new HashMap<>();
        for (Route route : routes) {
            List<Route> out = leaving.get(route.link().from());
            exits.computeIfAbsent(route.exitGap(), k -> new ArrayList<>())
                    .add(port(x[route.link().from()], w[route.link().from()], out.indexOf(route), out.size()));
        }
        for (Route route : routes) {
            Link l = route.link();
            List<Route> out = leaving.get(l.from());
            List<Route> in = arriving.get(l.to());
            double sx = port(x[l.from()], w[l.from()], out.indexOf(route), out.size());
            double tx = port(x[l.to()], w[l.to()], in.indexOf(route), in.size());
            List<Double> taken = exits.getOrDefault(route.entryGap(), List.of());
            for (int tries = 0; tries < 4 && taken.contains(tx) && !(route.channel() < 0 && tx == sx
                    && java.util.Collections.frequency(taken, tx) == 1); tries++) {
                tx = Math.min(tx + 8, x[l.to()] + w[l.to()] - 4);
            }
            double sy = top[l.from()] + h[l.from()];
            double ty = top[l.to()];
            double exitY = gapTop[route.exitGap()] + route.exitOffset() + (route.exitGap() == 0 ? 0 : 8);
            List<Point> points = new ArrayList<>();
            points.add(new Point(sx, sy));
            points.add(new Point(sx, exitY));
            if (route.channel() < 0) {
                points.add(new Point(tx, exitY));
            } else {
                double cx = route.right() ? left + Math.max(contentW, BOX_W) + 8 + route.channel() * CHANNEL + 6
                        : left - 8 - route.channel() * CHANNEL - 6;
                double entryY = gapTop[route.entryGap()] + route.entryOffset() + (route.entryGap() == 0 ? 0 : 8);
                points.add(new Point(cx, exitY));
                points.add(new Point(cx, entryY));
                points.add(new Point(tx, entryY));
            }
            points.add(new Point(tx, ty));
            edges.add(new Edge(l.kind(), l.from(), l.to(), null, l.condition(), List.copyOf(points)));
        }
        Map<Integer, Integer> ranks = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            ranks.put(i, rank[i]);
        }
        return new Layout(width, height, List.copyOf(boxes), List.copyOf(blocks), List.copyOf(edges), ranks);
    }

    private static java.util.Optional<Integer> target(Map<String, Integer> byId, String id) {
        return id == null || id.isBlank() ? java.util.Optional.empty() : java.util.Optional.ofNullable(
                byId.get(id.strip()));
    }

    /** Depth first from {@code i}: a line to a node still on the path closes a cycle and is not used for layers. */
    private static void visit(int i, List<Link> links, int[] state, boolean[] forward) {
        Deque<int[]> stack = new ArrayDeque<>();
        state[i] = 1;
        stack.push(new int[] { i, 0 });
        while (!stack.isEmpty()) {
            int[] frame = stack.peek();
            int e = frame[1];
            while (e < links.size() && links.get(e).from() != frame[0]) {
                e++;
            }
            if (e >= links.size()) {
                state[frame[0]] = 2;
                stack.pop();
                continue;
            }
            frame[1] = e + 1;
            Link l = links.get(e);
            if (l.kind() == EdgeKind.RETURN) {
                continue; // a return always goes back
            }
            if (state[l.to()] == 0) {
                forward[e] = true;
                state[l.to()] = 1;
                stack.push(new int[] { l.to(), 0 });
            } else if (state[l.to()] == 2) {
                forward[e] = true;
            }
        }
    }

    private static double port(double x, double w, int index, int count) {
        return Math.round(x + w * (index + 1) / (count + 1));
    }

    // ------------------------------------------------------------------------------------------------ SVG

    /**
     * The drawing as an inline SVG element.
     *
     * @param current node ids (and {@code node/branch} for a branch) of the steps a case is at, drawn highlighted
     * @param prefix makes the element ids unique on the page
     */
    public static String svg(ProcessDefinition definition, Set<String> current, Texts texts, String prefix) {
        Layout layout = layout(definition);
        List<ProcessDefinition.Node> nodes = definition.nodes();
        StringBuilder s = new StringBuilder(8192);
        String title = prefix + "-title";
        String desc = prefix + "-desc";
        // Room for the labels of the lines to the right of where they turn (the boxes stay where they are).
        double needed = layout.width();
        for (Edge e : layout.edges()) {
            String label = edgeLabel(e, nodes, texts);
            if (label != null) {
                needed = Math.max(needed, e.points().get(e.points().size() - 2).x() + 4
                        + width(clip(label, MAX_LABEL, 11), 11) + PAD / 2.0);
            }
        }
        long w = Math.round(Math.ceil(needed));
        long h = Math.round(layout.height());
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"process-graph").append(w > 520 ? " wide" : "")
                .append("\" id=\"").append(prefix).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" role=\"img\" aria-labelledby=\"").append(title).append(' ').append(desc)
                .append("\" font-family=\"system-ui, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif\">\n");
        String name = definition.name() == null || definition.name().isBlank() ? texts.get("cases.editor.unnamed")
                : definition.name();
        s.append("<title id=\"").append(title).append("\">")
                .append(esc(definition.version() > 0 ? texts.get("cases.diagram.title", name, definition.version())
                        : texts.get("cases.diagram.title.draft", name)))
                .append("</title>\n");
        s.append("<desc id=\"").append(desc).append("\">").append(esc(description(definition, current, texts)))
                .append("</desc>\n");
        s.append("<defs>");
        for (EdgeKind kind : List.of(EdgeKind.NEXT, EdgeKind.CONDITION, EdgeKind.REFUSED, EdgeKind.RETURN)) {
            s.append("<marker id=\"").append(prefix).append("-arrow-").append(kind.name().toLowerCase(Locale.ROOT))
                    .append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
                            + "orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"")
                    .append(colour(kind)).append("\"/></marker>");
        }
        s.append("</defs>\n");

        // Parallel blocks first (underneath), then the lines, then the boxes.
        for (Block b : layout.blocks()) {
            ProcessDefinition.Node node = nodes.get(b.node());
            boolean here = node.id() != null && current.contains(node.id());
            s.append("<g class=\"pd-block").append(here ? " current" : "").append("\" id=\"").append(prefix)
                    .append("-node-").append(esc(safeId(node.id(), b.node()))).append("\">");
            s.append("<title>").append(esc(nodeTitle(node, texts))).append("</title>");
            s.append(rect(b.x(), b.y(), b.w(), b.h(), 8, "#f3f7fc", here ? "#b45309" : "#1e5aa8", here ? 3 : 1.5,
                    "6 4"));
            s.append(text(b.x() + LANE_PAD, b.y() + 17, 13, "bold", "#1e3a5f",
                    clip(texts.get("cases.diagram.parallel", label(node, texts)), b.w() - 2 * LANE_PAD, 13)));
            s.append(rect(b.x() + LANE_PAD, b.forkY(), b.w() - 2 * LANE_PAD, BAR_H, 2, "#1e3a5f", null, 0, null));
            s.append(rect(b.x() + LANE_PAD, b.joinY(), b.w() - 2 * LANE_PAD, BAR_H, 2, "#1e3a5f", null, 0, null));
            s.append("</g>\n");
        }
        s.append("<g class=\"pd-edges\" fill=\"none\">\n");
        for (Edge e : layout.edges()) {
            EdgeKind kind = e.kind() == EdgeKind.FORK || e.kind() == EdgeKind.JOIN ? EdgeKind.NEXT : e.kind();
            s.append("<polyline class=\"pd-edge ").append(e.kind().name().toLowerCase(Locale.ROOT))
                    .append("\" data-from=\"").append(esc(safeId(nodes.get(e.from()).id(), e.from())))
                    .append("\" data-to=\"").append(esc(safeId(nodes.get(e.to()).id(), e.to())));
            if (e.branch() != null) {
                s.append("\" data-branch=\"").append(esc(e.branch()));
            }
            s.append("\" points=\"");
            for (int i = 0; i < e.points().size(); i++) {
                Point p = e.points().get(i);
                s.append(i == 0 ? "" : " ").append(num(p.x())).append(',').append(num(p.y()));
            }
            s.append("\" stroke=\"").append(colour(kind)).append("\" stroke-width=\"1.6\"");
            if (kind == EdgeKind.REFUSED || kind == EdgeKind.RETURN) {
                s.append(" stroke-dasharray=\"6 4\"");
            }
            s.append(" marker-end=\"url(#").append(prefix).append("-arrow-")
                    .append(kind.name().toLowerCase(Locale.ROOT)).append(")\"/>\n");
            String label = edgeLabel(e, nodes, texts);
            if (label != null) {
                Point turn = e.points().get(e.points().size() - 2);
                s.append(text(turn.x() + 4, turn.y() - 4, 11, null, colour(kind), clip(label, MAX_LABEL, 11))
                        .replace("<text ", "<text class=\"pd-label\" paint-order=\"stroke\" stroke=\"#fff\" "
                                + "stroke-width=\"3\" "));
            }
        }
        s.append("</g>\n");
        for (Box b : layout.boxes()) {
            ProcessDefinition.Node node = nodes.get(b.node());
            if (b.branch() == null && node.kind() == Kind.PARALLEL) {
                continue;
            }
            if (b.branch() != null) {
                ProcessDefinition.Branch branch = node.branches().get(b.branchIndex());
                boolean here = current.contains(node.id() + "/" + branch.id());
                s.append("<g class=\"pd-node branch").append(here ? " current" : "").append("\" id=\"")
                        .append(prefix).append("-branch-").append(esc(safeId(node.id(), b.node()))).append('-')
                        .append(esc(branch.id() == null ? "" : branch.id())).append("\">");
                String bname = blank(branch.name()) ? branch.id() : branch.name();
                s.append("<title>").append(esc(joinNonNull(bname, actor(branch.body(), branch.role(), texts),
                        texts.get("cases.progress.days", branch.days())))).append("</title>");
                box(s, b, here, "#ffffff", "#1e5aa8", 6, texts);
                lines(s, b, bname == null ? texts.get("cases.editor.unnamed") : bname,
                        texts.get("cases.diagram.branch") + (blank(branch.id()) ? "" : " · " + branch.id()),
                        actor(branch.body(), branch.role(), texts), texts.get("cases.progress.days", branch.days()));
                s.append("</g>\n");
                continue;
            }
            boolean here = node.id() != null && current.contains(node.id());
            s.append("<g class=\"pd-node ").append(node.kind() == null ? "task"
                    : node.kind().name().toLowerCase(Locale.ROOT)).append(here ? " current" : "").append("\" id=\"")
                    .append(prefix).append("-node-").append(esc(safeId(node.id(), b.node()))).append("\">");
            s.append("<title>").append(esc(nodeTitle(node, texts))).append("</title>");
            Kind kind = node.kind() == null ? Kind.TASK : node.kind();
            double radius = kind == Kind.START || kind == Kind.END ? BOX_H / 2.0 : 6;
            String fill = switch (kind) {
                case START, END -> "#eef6ee";
                case DECISION -> "#eef0fb";
                default -> "#ffffff";
            };
            String stroke = switch (kind) {
                case START, END -> "#2f6b3a";
                case DECISION -> "#3b3f99";
                default -> "#1f2937";
            };
            box(s, b, here, fill, stroke, radius, texts);
            double inset = kind == Kind.START || kind == Kind.END ? 18 : 0;
            Box inner = new Box(b.node(), b.nodeId(), null, -1, b.x() + inset, b.y(), b.w() - 2 * inset, b.h());
            lines(s, inner, label(node, texts), texts.get("cases.editor.kind." + kind.name())
                    + (blank(node.id()) ? "" : " · " + node.id()), actor(node.body(), node.role(), texts),
                    node.days() == null ? null : texts.get("cases.progress.days", node.days()));
            s.append("</g>\n");
        }
        s.append("</svg>");
        return s.toString();
    }

    private static void box(StringBuilder s, Box b, boolean here, String fill, String stroke, double radius,
            Texts texts) {
        s.append(rect(b.x(), b.y(), b.w(), b.h(), radius, here ? "#fff4d6" : fill, here ? "#b45309" : stroke,
                here ? 3 : 1.5, null));
        if (here) {
            String tag = texts.get("cases.diagram.current");
            double tw = width(tag, 11) + 10;
            s.append(rect(b.x() + b.w() - tw - 4, b.y() - 9, tw, 17, 8, "#b45309", null, 0, null));
            s.append(text(b.x() + b.w() - tw + 1, b.y() + 3, 11, "bold", "#ffffff", tag));
        }
    }

    private static void lines(StringBuilder s, Box b, String name, String kind, String actor, String days) {
        double x = b.x() + 10;
        double room = b.w() - 20;
        s.append(text(x, b.y() + 21, 14, "bold", "#111827", clip(name, room, 14)));
        s.append(text(x, b.y() + 38, 11, null, "#4b5563", clip(kind, room, 11)));
        if (actor != null) {
            s.append(text(x, b.y() + 54, 11, null, "#1f2937", clip(actor, room, 11)));
        }
        if (days != null) {
            s.append(text(x, b.y() + 69, 11, null, "#1f2937", clip(days, room, 11)));
        }
    }

    /** A short description of the whole drawing: its nodes in order, the parallel branches, where the case is. */
    static String description(ProcessDefinition definition, Set<String> current, Texts texts) {
        List<String> parts = new ArrayList<>();
        List<String> here = new ArrayList<>();
        for (ProcessDefinition.Node node : definition.nodes()) {
            String label = label(node, texts);
            if (node.kind() == Kind.PARALLEL && !node.branches().isEmpty()) {
                List<String> branches = new ArrayList<>();
                for (ProcessDefinition.Branch b : node.branches()) {
                    String bn = blank(b.name()) ? b.id() : b.name();
                    branches.add(bn);
                    if (current.contains(node.id() + "/" + b.id())) {
                        here.add(bn);
                    }
                }
                label = texts.get("cases.diagram.desc.parallel", label, String.join("、", branches));
            }
            if (node.id() != null && current.contains(node.id())) {
                here.add(label(node, texts));
            }
            parts.add(label);
        }
        String text = texts.get("cases.diagram.desc", definition.nodes().size(), String.join(" → ", parts));
        if (!here.isEmpty()) {
            text += texts.get("cases.diagram.desc.current", String.join("、", here));
        }
        return text;
    }

    private static String nodeTitle(ProcessDefinition.Node node, Texts texts) {
        List<String> parts = new ArrayList<>();
        parts.add(label(node, texts));
        if (node.kind() != null) {
            parts.add(texts.get("cases.editor.kind." + node.kind().name()));
        }
        parts.add(actor(node.body(), node.role(), texts));
        parts.add(node.days() == null ? null : texts.get("cases.progress.days", node.days()));
        return joinNonNull(parts.toArray(String[]::new));
    }

    private static String edgeLabel(Edge e, List<ProcessDefinition.Node> nodes, Texts texts) {
        return switch (e.kind()) {
            case CONDITION -> {
                ProcessDefinition.Condition c = e.condition();
                String op = c.op() == null ? "" : texts.get("cases.editor.op." + c.op());
                yield texts.get("cases.diagram.edge.condition", nz(c.field()), op, nz(c.value()));
            }
            case REFUSED -> texts.get("cases.diagram.edge.refused");
            case RETURN -> texts.get("cases.diagram.edge.return");
            default -> null;
        };
    }

    private static String label(ProcessDefinition.Node node, Texts texts) {
        if (!blank(node.name())) {
            return node.name();
        }
        return blank(node.id()) ? texts.get("cases.editor.unnamed") : node.id();
    }

    private static String actor(String body, org.tongban.identity.StaffRole role, Texts texts) {
        if (blank(body) && role == null) {
            return null;
        }
        String b = blank(body) ? null : "ITEM".equals(body) ? texts.get("cases.definition.item-body")
                : texts.get("organization.category." + body);
        String r = role == null ? null : texts.get("identity.role." + role.name());
        return b == null ? r : r == null ? b : b + " · " + r;
    }

    private static String colour(EdgeKind kind) {
        return switch (kind) {
            case CONDITION -> "#1d4ed8";
            case REFUSED -> "#b91c1c";
            case RETURN -> "#8a4b08";
            default -> "#1f2937";
        };
    }

    private static String rect(double x, double y, double w, double h, double r, String fill, String stroke,
            double strokeWidth, String dash) {
        StringBuilder s = new StringBuilder("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y))
                .append("\" width=\"").append(num(w)).append("\" height=\"").append(num(h)).append("\" rx=\"")
                .append(num(r)).append("\" fill=\"").append(fill).append('"');
        if (stroke != null) {
            s.append(" stroke=\"").append(stroke).append("\" stroke-width=\"").append(num(strokeWidth)).append('"');
        }
        if (dash != null) {
            s.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        return s.append("/>").toString();
    }

    private static String text(double x, double y, int size, String weight, String fill, String content) {
        return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" + size + "\""
                + (weight == null ? "" : " font-weight=\"" + weight + "\"") + " fill=\"" + fill + "\">"
                + esc(content) + "</text>";
    }

    /** Shortens {@code text} to what fits in {@code room} pixels (CJK a full em, Latin about half), with an ellipsis. */
    static String clip(String text, double room, int size) {
        if (text == null) {
            return "";
        }
        if (width(text, size) <= room) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        double used = size; // the ellipsis
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            double cw = charWidth(cp, size);
            if (used + cw > room) {
                break;
            }
            out.appendCodePoint(cp);
            used += cw;
            i += Character.charCount(cp);
        }
        return out.append('…').toString();
    }

    static double width(String text, int size) {
        double w = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            w += charWidth(cp, size);
            i += Character.charCount(cp);
        }
        return w;
    }

    private static double charWidth(int cp, int size) {
        return cp < 0x2E80 ? size * 0.62 : size;
    }

    private static String num(double v) {
        long r = Math.round(v * 10);
        return r % 10 == 0 ? Long.toString(r / 10) : Double.toString(r / 10.0);
    }

    private static String safeId(String id, int index) {
        return blank(id) ? "n" + index : id.strip().replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String joinNonNull(String... parts) {
        List<String> kept = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                kept.add(p);
            }
        }
        return String.join(" · ", kept);
    }
}
