package org.tongban.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.tongban.cases.ProcessDefinition;
import org.tongban.cases.ProcessDefinition.Branch;
import org.tongban.cases.ProcessDefinition.Condition;
import org.tongban.cases.ProcessDefinition.Kind;
import org.tongban.cases.ProcessDefinition.Node;
import org.tongban.cases.web.ProcessDiagram.Box;
import org.tongban.cases.web.ProcessDiagram.Edge;
import org.tongban.cases.web.ProcessDiagram.EdgeKind;
import org.tongban.cases.web.ProcessDiagram.Layout;
import org.tongban.cases.web.ProcessDiagram.Point;
import org.tongban.identity.StaffRole;

/** The layout and drawing of process definitions: the demo shapes, conditions, cycles and broken drafts. */
class ProcessDiagramTests {

    private static final ProcessDiagram.Texts ZH = ProcessDiagram.Texts.of(messages(), Locale.SIMPLIFIED_CHINESE);
    private static final ProcessDiagram.Texts EN = ProcessDiagram.Texts.of(messages(), Locale.ENGLISH);

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames("i18n/cases", "i18n/organization", "i18n/identity");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    private static Node node(String id, String name, Kind kind, String body, StaffRole role, String next,
            String refusedNext, List<Condition> when, List<String> returnTo, List<Branch> branches, Integer days) {
        return new Node(id, name, kind, body, role, next, refusedNext, when, returnTo, branches, days);
    }

    /** 开餐馆: the demo 并联 template (market regulation, fire safety, health), as in V202611240601. */
    static ProcessDefinition restaurant() {
        return new ProcessDefinition("211234567890123456789", 3, "开办餐饮店并联审批", true, List.of(
                node("accept", "受理", Kind.START, null, null, "joint", null, null, null, null, null),
                node("joint", "并联审查", Kind.PARALLEL, null, null, "decide", null, null, null, List.of(
                        new Branch("food", "食品经营条件审查", "MARKET_REGULATION", StaffRole.REVIEWER, 3),
                        new Branch("fire", "消防安全检查", "HOUSING_URBAN_RURAL", StaffRole.REVIEWER, 3),
                        new Branch("health", "卫生条件审查", "HEALTH", StaffRole.REVIEWER, 3)), null),
                node("decide", "决定", Kind.DECISION, "ITEM", StaffRole.APPROVER, "certify", "deliver", null,
                        List.of("joint"), null, null),
                node("certify", "制证", Kind.TASK, "ITEM", StaffRole.WINDOW_OFFICER, "deliver", null, null, null,
                        null, 10),
                node("deliver", "送达", Kind.TASK, "ITEM", StaffRole.WINDOW_OFFICER, "end", null, null, null, null,
                        null),
                node("end", "办结", Kind.END, null, null, null, null, null, null, null, null)));
    }

    /** A 即办件, decided on the spot by the window officer (the derived default). */
    static ProcessDefinition immediate() {
        return new ProcessDefinition("211234567890123456780", 1, "即办件", false, List.of(
                node("accept", "受理", Kind.START, null, null, "decide", null, null, null, null, null),
                node("decide", "决定", Kind.DECISION, "ITEM", StaffRole.WINDOW_OFFICER, "deliver", "deliver", null,
                        null, null, null),
                node("deliver", "送达", Kind.TASK, "ITEM", StaffRole.WINDOW_OFFICER, "end", null, null, null, null,
                        null),
                node("end", "办结", Kind.END, null, null, null, null, null, null, null, null)));
    }

    /** Amount above a threshold needs a higher approver; the review may go back to acceptance checks. */
    static ProcessDefinition conditional() {
        return new ProcessDefinition("211234567890123456781", 2, "大额审批", false, List.of(
                node("accept", "受理", Kind.START, null, null, "review", null, null, null, null, null),
                node("review", "审查", Kind.TASK, "ITEM", StaffRole.REVIEWER, "decide", null,
                        List.of(new Condition("amount", "GT", "1000000", "senior")), null, null, 5),
                node("senior", "上级审批", Kind.TASK, "ITEM", StaffRole.APPROVER, "decide", null, null,
                        List.of("review"), null, 3),
                node("decide", "决定", Kind.DECISION, "ITEM", StaffRole.APPROVER, "deliver", "end", null,
                        List.of("review"), null, null),
                node("deliver", "送达", Kind.TASK, "ITEM", StaffRole.WINDOW_OFFICER, "end", null, null, null, null,
                        null),
                node("end", "办结", Kind.END, null, null, null, null, null, null, null, null)));
    }

    @Test
    void theRestaurantParallelBlockIsAForkAndJoinWithItsBranchesInLanesSideBySide() {
        Layout layout = ProcessDiagram.layout(restaurant());
        assertThat(layout.blocks()).singleElement().satisfies(block -> {
            assertThat(block.nodeId()).isEqualTo("joint");
            assertThat(block.forkY()).isLessThan(block.joinY());
            List<Box> lanes = layout.boxes().stream().filter(b -> b.branch() != null).toList();
            assertThat(lanes).extracting(Box::branch).containsExactly("food", "fire", "health");
            for (Box lane : lanes) {
                // Each branch between the fork and the join bars, inside the block, all on one row.
                assertThat(lane.y()).isGreaterThan(block.forkY()).isEqualTo(lanes.getFirst().y());
                assertThat(lane.y() + lane.h()).isLessThan(block.joinY());
                assertThat(lane.x()).isGreaterThanOrEqualTo(block.x());
                assertThat(lane.x() + lane.w()).isLessThanOrEqualTo(block.x() + block.w());
            }
            for (int i = 1; i < lanes.size(); i++) {
                assertThat(lanes.get(i).x()).isGreaterThanOrEqualTo(lanes.get(i - 1).x() + lanes.get(i - 1).w());
            }
            // Fork: from the fork bar into the top of each branch; join: from each branch down to the join bar.
            for (String kind : List.of("FORK", "JOIN")) {
                List<Edge> lines = layout.edges().stream().filter(e -> e.kind().name().equals(kind)).toList();
                assertThat(lines).extracting(Edge::branch).containsExactly("food", "fire", "health");
                for (Edge e : lines) {
                    Box lane = lanes.stream().filter(b -> b.branch().equals(e.branch())).findFirst().orElseThrow();
                    Point from = e.points().getFirst();
                    Point to = e.points().getLast();
                    if (kind.equals("FORK")) {
                        assertThat(from.y()).isEqualTo(block.forkY() + ProcessDiagram.BAR_H);
                        assertThat(to.y()).isEqualTo(lane.y());
                    } else {
                        assertThat(from.y()).isEqualTo(lane.y() + lane.h());
                        assertThat(to.y()).isEqualTo(block.joinY());
                    }
                }
            }
        });
        // Layers follow the flow: 受理, the block, 决定, 制证, 送达, 办结.
        assertThat(layout.ranks().values()).containsExactly(0, 1, 2, 3, 4, 5);
        String svg = ProcessDiagram.svg(restaurant(), Set.of(), ZH, "pd");
        assertThat(svg).contains("并联审批：并联审查", "食品经营条件审查", "消防安全检查", "卫生条件审查", "3 个工作日",
                "市场监管", "审查人员");
    }

    @Test
    void everyTransitionIsDrawnWithItsKind() {
        Layout layout = ProcessDiagram.layout(restaurant());
        assertThat(kinds(layout, EdgeKind.NEXT)).containsExactlyInAnyOrder("accept>joint", "joint>decide",
                "decide>certify", "certify>deliver", "deliver>end");
        assertThat(kinds(layout, EdgeKind.REFUSED)).containsExactly("decide>deliver");
        assertThat(kinds(layout, EdgeKind.RETURN)).containsExactly("decide>joint");

        Layout withCondition = ProcessDiagram.layout(conditional());
        assertThat(kinds(withCondition, EdgeKind.CONDITION)).containsExactly("review>senior");
        assertThat(kinds(withCondition, EdgeKind.RETURN)).containsExactlyInAnyOrder("senior>review",
                "decide>review");
        assertThat(kinds(withCondition, EdgeKind.REFUSED)).containsExactly("decide>end");
        String svg = ProcessDiagram.svg(conditional(), Set.of(), ZH, "pd");
        // The conditional transition is labelled with its condition; refusal and send-back dashed and labelled.
        assertThat(svg).contains("当 amount 大于 1000000", ">不予许可<", ">退回<");
        assertThat(svg).containsPattern("class=\"pd-edge refused\"[^>]*stroke-dasharray");
        assertThat(svg).containsPattern("class=\"pd-edge return\"[^>]*stroke-dasharray");
        assertThat(svg).doesNotContainPattern("class=\"pd-edge next\"[^>]*stroke-dasharray");
        assertThat(ProcessDiagram.svg(conditional(), Set.of(), EN, "pd")).contains("if amount greater than 1000000",
                ">refused<", ">send back<", "Process diagram: 大额审批 (version 2)");
    }

    @Test
    void noBoxesOverlapAndNoLineCrossesABox() {
        for (ProcessDefinition d : List.of(restaurant(), immediate(), conditional(), wide(), broken())) {
            Layout layout = ProcessDiagram.layout(d);
            List<Box> nodes = layout.nodeBoxes();
            for (int i = 0; i < nodes.size(); i++) {
                for (int j = i + 1; j < nodes.size(); j++) {
                    assertThat(nodes.get(i).overlaps(nodes.get(j))).as("%s: %s and %s", d.name(), nodes.get(i),
                            nodes.get(j)).isFalse();
                }
            }
            List<Box> lanes = layout.boxes().stream().filter(b -> b.branch() != null).toList();
            for (int i = 0; i < lanes.size(); i++) {
                for (int j = i + 1; j < lanes.size(); j++) {
                    assertThat(lanes.get(i).overlaps(lanes.get(j))).isFalse();
                }
            }
            for (Box b : layout.boxes()) {
                assertThat(b.x()).isGreaterThanOrEqualTo(0);
                assertThat(b.y()).isGreaterThanOrEqualTo(0);
                assertThat(b.x() + b.w()).isLessThanOrEqualTo(layout.width());
                assertThat(b.y() + b.h()).isLessThanOrEqualTo(layout.height());
            }
            for (Edge e : layout.edges()) {
                if (e.kind() == EdgeKind.FORK || e.kind() == EdgeKind.JOIN) {
                    continue;
                }
                for (int k = 1; k < e.points().size(); k++) {
                    Point a = e.points().get(k - 1);
                    Point b = e.points().get(k);
                    assertThat(a.x() == b.x() || a.y() == b.y()).as("right angles").isTrue();
                    for (Box box : nodes) {
                        assertThat(crosses(a, b, box)).as("%s: %s crosses %s", d.name(), e, box).isFalse();
                    }
                    for (Point p : List.of(a, b)) {
                        assertThat(p.x()).isBetween(0.0, layout.width());
                        assertThat(p.y()).isBetween(0.0, layout.height());
                    }
                }
            }
        }
    }

    @Test
    void theSameDefinitionGivesTheSameDrawing() {
        String first = ProcessDiagram.svg(restaurant(), Set.of("decide"), ZH, "pd");
        assertThat(ProcessDiagram.svg(restaurant(), Set.of("decide"), ZH, "pd")).isEqualTo(first);
        assertThat(ProcessDiagram.svg(restaurant(), new java.util.TreeSet<>(Set.of("decide")), ZH, "pd"))
                .isEqualTo(first);
        assertThat(ProcessDiagram.layout(restaurant())).isEqualTo(ProcessDiagram.layout(restaurant()));
        // Moving nothing but the version changes only the title.
        ProcessDefinition v4 = new ProcessDefinition(restaurant().itemCode(), 4, restaurant().name(), true,
                restaurant().nodes());
        assertThat(ProcessDiagram.svg(v4, Set.of("decide"), ZH, "pd").replace("第 4 版", "第 3 版")).isEqualTo(first);
    }

    @Test
    void anImmediateItemIsOneColumnAndTheDrawingIsAnAccessibleImage() {
        Layout layout = ProcessDiagram.layout(immediate());
        assertThat(layout.nodeBoxes()).extracting(Box::x).containsOnly(layout.nodeBoxes().getFirst().x());
        assertThat(kinds(layout, EdgeKind.REFUSED)).containsExactly("decide>deliver");
        String svg = ProcessDiagram.svg(immediate(), Set.of("deliver"), ZH, "case-flow");
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .contains("role=\"img\"", "aria-labelledby=\"case-flow-title case-flow-desc\"",
                        "<title id=\"case-flow-title\">办理流程图：即办件（第 1 版）</title>",
                        "<desc id=\"case-flow-desc\">共 4 个环节，依次为：受理 → 决定 → 送达 → 办结。办件当前所在环节：送达。</desc>",
                        "viewBox=\"0 0 ", "窗口人员");
        // The current step is highlighted, the others are not.
        assertThat(svg).contains("class=\"pd-node task current\" id=\"case-flow-node-deliver\"",
                "class=\"pd-node decision\" id=\"case-flow-node-decide\"", ">当前<");
        // A branch of a parallel block running now.
        String parallel = ProcessDiagram.svg(restaurant(), Set.of("joint", "joint/fire"), ZH, "pd");
        assertThat(parallel).contains("class=\"pd-node branch current\" id=\"pd-branch-joint-fire\"",
                "class=\"pd-node branch\" id=\"pd-branch-joint-food\"", "办件当前所在环节：消防安全检查、并联审查。");
    }

    @Test
    void aBrokenDraftIsDrawnAsFarAsItGoesAndTextIsEscaped() {
        String svg = ProcessDiagram.svg(broken(), Set.of(), ZH, "pd");
        assertThat(svg).contains("<title id=\"pd-title\">办理流程图：&lt;草稿&gt; &amp; 测试（编辑中，未发布）</title>")
                .doesNotContain("<script");
        Layout layout = ProcessDiagram.layout(broken());
        assertThat(layout.nodeBoxes()).hasSize(broken().nodes().size());
        // The unknown target is not drawn; the cycle is (as a line back).
        assertThat(layout.edges()).noneMatch(e -> e.to() < 0);
        assertThat(kinds(layout, EdgeKind.NEXT)).contains("b>a");
    }

    private static ProcessDefinition broken() {
        return new ProcessDefinition("211234567890123456782", 0, "<草稿> & 测试", false, List.of(
                node("a", "甲", Kind.START, null, null, "b", null, null, null, null, null),
                node("b", "乙", Kind.TASK, null, null, "a", null,
                        List.of(new Condition("x", "EQ", "1", "nowhere")), null, null, null),
                node(null, null, Kind.TASK, "ITEM", StaffRole.REVIEWER, null, null, null, List.of("a"), null, null),
                node("b", "重复", null, null, null, "c", null, null, null, null, null),
                node("p", "只有一个分支", Kind.PARALLEL, null, null, "end", null, null, null,
                        List.of(new Branch("x", null, null, null, 0)), null),
                node("end", "办结", Kind.END, null, null, null, null, null, null, null, null)));
    }

    /** Four branches and jumps forward and back across several layers. */
    private static ProcessDefinition wide() {
        List<Branch> branches = new ArrayList<>();
        for (String b : List.of("a", "b", "c", "d")) {
            branches.add(new Branch(b, "分支" + b, "MARKET_REGULATION", StaffRole.REVIEWER, 5));
        }
        return new ProcessDefinition("211234567890123456783", 1, "宽", true, List.of(
                node("s", "受理", Kind.START, null, null, "p", null,
                        List.of(new Condition("kind", "EQ", "simple", "d")), null, null, null),
                node("p", "并联", Kind.PARALLEL, null, null, "r", null, null, null, branches, null),
                node("r", "复核", Kind.TASK, "ITEM", StaffRole.REVIEWER, "d", null,
                        List.of(new Condition("risk", "GE", "3", "e")), List.of("p", "s"), null, 2),
                node("d", "决定", Kind.DECISION, "ITEM", StaffRole.APPROVER, "e", "e", null, List.of("r", "p"), null,
                        null),
                node("e", "办结", Kind.END, null, null, null, null, null, null, null, null)));
    }

    private static List<String> kinds(Layout layout, EdgeKind kind) {
        List<String> found = new ArrayList<>();
        for (Edge e : layout.edges()) {
            if (e.kind() == kind) {
                found.add(id(layout, e.from()) + ">" + id(layout, e.to()));
            }
        }
        return found;
    }

    private static String id(Layout layout, int node) {
        return layout.nodeBoxes().stream().filter(b -> b.node() == node).findFirst().orElseThrow().nodeId();
    }

    /** Whether an axis-parallel segment passes through the inside of a box (touching its border is fine). */
    private static boolean crosses(Point a, Point b, Box box) {
        double x1 = Math.min(a.x(), b.x());
        double x2 = Math.max(a.x(), b.x());
        double y1 = Math.min(a.y(), b.y());
        double y2 = Math.max(a.y(), b.y());
        return x1 < box.x() + box.w() && x2 > box.x() && y1 < box.y() + box.h() && y2 > box.y();
    }
}
