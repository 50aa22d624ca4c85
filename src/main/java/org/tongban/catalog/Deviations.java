package org.tongban.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * "Same item, same standard" (同一事项、同一标准, DOMAIN §3): an implementation may tighten the basic item's standard
 * (shorter limits, fewer materials, fewer visits) but never loosen it or demand more. This finds where an
 * implementation's guide is looser than the standard, or inconsistent in itself; publication is blocked until each
 * deviation is fixed or justified.
 */
public final class Deviations {

    /**
     * One deviation.
     *
     * @param code the message key ({@code catalog.deviation.*} or {@code catalog.guide.*})
     * @param element the guide element concerned, as named in {@link Guide}
     * @param arguments what the message shows: the offending value and the standard's
     */
    public record Deviation(String code, String element, List<String> arguments) {
    }

    private Deviations() {
    }

    public static List<Deviation> of(Guide implementation, Guide standard) {
        List<Deviation> found = new ArrayList<>();
        implementation.inconsistencies().forEach(problem -> found.add(new Deviation(problem.code(), "guide",
                java.util.Arrays.stream(problem.arguments()).map(String::valueOf).toList())));
        if (longer(implementation.legalLimit(), standard.legalLimit())) {
            found.add(new Deviation("catalog.deviation.legal-limit-longer", "legalLimit",
                    List.of(days(implementation.legalLimit()), days(standard.legalLimit()))));
        }
        if (longer(implementation.promisedLimit(), standard.promisedLimit())) {
            found.add(new Deviation("catalog.deviation.promised-limit-longer", "promisedLimit",
                    List.of(days(implementation.promisedLimit()), days(standard.promisedLimit()))));
        }
        Set<String> standardMaterials = standard.materials().stream().map(m -> normalize(m.name()))
                .collect(Collectors.toSet());
        for (Guide.Material material : implementation.materials()) {
            if (!standardMaterials.contains(normalize(material.name()))) {
                found.add(new Deviation("catalog.deviation.extra-material", "materials", List.of(material.name())));
                continue;
            }
            Guide.Material own = standard.materials().stream()
                    .filter(m -> normalize(m.name()).equals(normalize(material.name()))).findFirst().orElseThrow();
            if (material.necessity() == Guide.Necessity.REQUIRED && own.necessity() != Guide.Necessity.REQUIRED) {
                found.add(new Deviation("catalog.deviation.material-required", "materials", List.of(material.name())));
            }
            if (material.paperCopies() > own.paperCopies()) {
                found.add(new Deviation("catalog.deviation.more-copies", "materials", List.of(material.name(),
                        String.valueOf(material.paperCopies()), String.valueOf(own.paperCopies()))));
            }
        }
        Set<String> standardConditions = standard.conditions().stream().map(Deviations::normalize)
                .collect(Collectors.toSet());
        implementation.conditions().stream().filter(c -> !standardConditions.contains(normalize(c)))
                .forEach(c -> found.add(new Deviation("catalog.deviation.extra-condition", "conditions", List.of(c))));
        if (implementation.visits() > standard.visits()) {
            found.add(new Deviation("catalog.deviation.more-visits", "visits",
                    List.of(String.valueOf(implementation.visits()), String.valueOf(standard.visits()))));
        }
        if (implementation.onlineDepth().compareTo(standard.onlineDepth()) < 0) {
            found.add(new Deviation("catalog.deviation.lower-depth", "onlineDepth",
                    List.of(implementation.onlineDepth().name(), standard.onlineDepth().name())));
        }
        // A higher level than the standard's is an extra demand on the applicant (DOMAIN §3: no body may demand more);
        // a lower one weakens the identity check the standard requires (DOMAIN §8).
        if (implementation.assuranceLevel() != standard.assuranceLevel()) {
            found.add(new Deviation(implementation.assuranceLevel().compareTo(standard.assuranceLevel()) > 0
                    ? "catalog.deviation.higher-assurance" : "catalog.deviation.lower-assurance", "assuranceLevel",
                    List.of(implementation.assuranceLevel().name(), standard.assuranceLevel().name())));
        }
        Set<String> standardFees = standard.fees().stream().map(f -> normalize(f.name())).collect(Collectors.toSet());
        implementation.fees().stream().filter(f -> !standardFees.contains(normalize(f.name())))
                .forEach(f -> found.add(new Deviation("catalog.deviation.extra-fee", "fees", List.of(f.name()))));
        return found;
    }

    private static boolean longer(Guide.TimeLimit own, Guide.TimeLimit standard) {
        return own != null && standard != null && own.longerThan(standard);
    }

    private static String days(Guide.TimeLimit limit) {
        return String.valueOf(limit.days());
    }

    private static String normalize(String text) {
        return text == null ? "" : text.replaceAll("[\\s（）()]", "");
    }
}
