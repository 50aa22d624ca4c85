package org.tongban.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What changed between two versions of a guide, element by element ("changes show as a diff"): for each element of
 * {@link Guide} and the {@link Venue}, the entries only the older version has and those only the newer one has. An
 * entry is one line a person reads: a condition, a material with all its properties, a step, a fee, a question and
 * its answer, or a single value.
 */
public final class GuideDiff {

    /**
     * One element that differs.
     *
     * @param element the element's name as in {@link Guide} ({@code materials}, {@code promisedLimit}, ...) or
     *        {@code venue}
     * @param removed entries of the older version that the newer one no longer has
     * @param added entries of the newer version that the older one did not have
     */
    public record Change(String element, List<String> removed, List<String> added) {
    }

    private GuideDiff() {
    }

    /**
     * @param label how a choice (necessity, online depth, ...) reads, in the reader's language
     */
    public static List<Change> of(Guide before, Venue beforeVenue, Guide after, Venue afterVenue,
            Function<Enum<?>, String> label) {
        List<Change> changes = new ArrayList<>();
        Lines lines = new Lines(label);
        compare(changes, "conditions", before.conditions(), after.conditions());
        compare(changes, "materials", before.materials().stream().map(lines::material).toList(),
                after.materials().stream().map(lines::material).toList());
        compare(changes, "process", numbered(before.process().stream().map(lines::step).toList()),
                numbered(after.process().stream().map(lines::step).toList()));
        compare(changes, "legalLimit", lines.limit(before.legalLimit()), lines.limit(after.legalLimit()));
        compare(changes, "promisedLimit", lines.limit(before.promisedLimit()), lines.limit(after.promisedLimit()));
        compare(changes, "handling", lines.of(before.handling()), lines.of(after.handling()));
        compare(changes, "fees", before.fees().stream().map(lines::fee).toList(),
                after.fees().stream().map(lines::fee).toList());
        compare(changes, "visits", List.of(String.valueOf(before.visits())), List.of(String.valueOf(after.visits())));
        compare(changes, "onlineDepth", lines.of(before.onlineDepth()), lines.of(after.onlineDepth()));
        compare(changes, "mailIn", List.of(String.valueOf(before.mailIn())), List.of(String.valueOf(after.mailIn())));
        compare(changes, "reach", lines.of(before.reach()), lines.of(after.reach()));
        compare(changes, "jointBodies", before.jointBodies(), after.jointBodies());
        compare(changes, "result", lines.result(before.result()), lines.result(after.result()));
        compare(changes, "offlineReason", text(before.offlineReason()), text(after.offlineReason()));
        compare(changes, "faq", before.faq().stream().map(q -> q.question() + " — " + q.answer()).toList(),
                after.faq().stream().map(q -> q.question() + " — " + q.answer()).toList());
        compare(changes, "assuranceLevel", lines.of(before.assuranceLevel()), lines.of(after.assuranceLevel()));
        compare(changes, "venue", venue(beforeVenue), venue(afterVenue));
        return changes;
    }

    private static void compare(List<Change> changes, String element, List<String> before, List<String> after) {
        Set<String> old = new LinkedHashSet<>(before);
        Set<String> now = new LinkedHashSet<>(after);
        List<String> removed = old.stream().filter(line -> !now.contains(line)).toList();
        List<String> added = now.stream().filter(line -> !old.contains(line)).toList();
        if (!removed.isEmpty() || !added.isEmpty()) {
            changes.add(new Change(element, removed, added));
        }
    }

    /** Steps carry their position: moving a step is a change. */
    private static List<String> numbered(List<String> steps) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            result.add((i + 1) + ". " + steps.get(i));
        }
        return result;
    }

    private static List<String> text(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value);
    }

    private static List<String> venue(Venue venue) {
        if (venue == null) {
            return List.of();
        }
        return Stream.of(venue.hall(), venue.address(), venue.hours(), venue.consultationPhone(),
                venue.complaintPhone()).filter(Objects::nonNull).toList();
    }

    private record Lines(Function<Enum<?>, String> label) {

        List<String> of(Enum<?> value) {
            return value == null ? List.of() : List.of(label.apply(value));
        }

        String material(Guide.Material m) {
            return join(m.name(), label(m.type()), label(m.form()), label(m.necessity()),
                    m.paperCopies() > 0 ? "×" + m.paperCopies() : null, label(m.source()), m.sourceBody(),
                    m.blankForm(), m.sample(), m.fillingInstructions(), m.acceptanceStandard(), m.legalBasis());
        }

        String step(Guide.ProcessStep step) {
            return join(step.name(), step.description());
        }

        String fee(Guide.Fee fee) {
            return join(fee.name(), fee.standard(), fee.basis(), fee.reducible() ? "±" : null);
        }

        List<String> limit(Guide.TimeLimit limit) {
            return limit == null ? List.of() : List.of(limit.days() + " " + label(limit.kind()));
        }

        List<String> result(Guide.Result result) {
            return result == null ? List.of() : List.of(join(result.name(), label(result.type()), result.sample()));
        }

        private String label(Enum<?> value) {
            return value == null ? null : label.apply(value);
        }

        private static String join(String... parts) {
            return String.join("｜", Stream.of(parts).filter(p -> p != null && !p.isBlank()).toList());
        }
    }
}
