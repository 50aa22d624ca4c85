package org.tongban.catalog.internal.transfer;

import static org.tongban.catalog.internal.transfer.ListLayout.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.tongban.catalog.BasicCode;
import org.tongban.catalog.Guide;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.internal.transfer.ImplementationListFile.Entry;
import org.tongban.catalog.internal.transfer.ImplementationListFile.Orphan;
import org.tongban.catalog.internal.transfer.ImplementationListFile.Origin;
import org.tongban.catalog.internal.transfer.ImportProblem.Location;
import org.tongban.catalog.internal.transfer.ImportReferences.BasicItemReference;
import org.tongban.catalog.internal.transfer.ImportReferences.BodyReference;
import org.tongban.catalog.internal.transfer.ImportReferences.DivisionReference;
import org.tongban.catalog.internal.transfer.ListLayout.Column;
import org.tongban.catalog.internal.transfer.ListLayout.Sheet;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * Checks a whole implementation-list file before anything of it is written, and finds every problem, not the first:
 * a department fixes its spreadsheet once. Checked for each item: every code (basic code, credit code, division code,
 * implementation code) and that the implementation code is made of this body's credit code and this basic code;
 * required elements; the guide's own consistency rules ({@link Guide#inconsistencies()}); that no implementation code
 * appears twice; that the basic item is published and may be implemented at this level, under its own name; that the
 * body exists, exercises its powers at this level and belongs to the division given. Rows of the list sheets that name
 * no item are reported too.
 */
public final class ImplementationListValidator {

    private static final int REPORT_EVERY = 100;
    private static final String REQUIRED = "catalog.transfer.required";
    private static final Set<String> DEPTH_AND_VISITS = Set.of("catalog.guide.visits-range",
            "catalog.guide.depth-iv-visits", "catalog.guide.zero-visits-no-mail", "catalog.guide.offline-reason");

    private final ImportReferences references;

    public ImplementationListValidator(ImportReferences references) {
        this.references = references;
    }

    /**
     * What the check found: every problem, sorted by sheet and row; or, when there is none, the list ready to import.
     */
    public record Result(List<ImportProblem> problems, ValidatedImplementationList accepted) {

        public Result {
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty();
        }

        public Optional<ValidatedImplementationList> acceptedList() {
            return Optional.ofNullable(accepted);
        }
    }

    public Result validate(ImplementationListFile file) {
        return validate(file, ImportProgress.NONE);
    }

    public Result validate(ImplementationListFile file, ImportProgress progress) {
        return new Run(file, progress).check();
    }

    /**
     * The checks of a guide alone, for a basic item's standard guide read from a form as an implementation item's
     * is: required elements, a limit's days with its unit, the guide's own rules. Nothing is looked up; problems at
     * the implementation's own columns (codes, body, division, venue) are the caller's to drop.
     */
    static List<ImportProblem> checkStandard(ImplementationListFile form) {
        Run run = new ImplementationListValidator(null).new Run(form, ImportProgress.NONE);
        Entry entry = form.entries().getFirst();
        run.required(entry.row(), entry.origin());
        run.guide(entry.row(), entry.origin());
        return run.merge();
    }

    /** One check of one file, with the look-ups it has made (a list repeats its body and division on every row). */
    private final class Run {

        private final ImplementationListFile file;
        private final ImportProgress progress;
        private final List<ImportProblem> problems = new ArrayList<>();
        private final List<ValidatedImplementationList.Item> accepted = new ArrayList<>();
        private final Map<String, Location> firstOccurrence = new HashMap<>();
        private final Map<String, Optional<BasicItemReference>> basicItems = new HashMap<>();
        private final Map<String, Optional<BodyReference>> bodies = new HashMap<>();
        private final Map<String, Optional<DivisionReference>> divisions = new HashMap<>();

        Run(ImplementationListFile file, ImportProgress progress) {
            this.file = file;
            this.progress = progress;
        }

        Result check() {
            int total = file.entries().size();
            int done = 0;
            for (Entry entry : file.entries()) {
                check(entry);
                if (++done % REPORT_EVERY == 0 || done == total) {
                    progress.advanced(ImportProgress.Stage.VALIDATING, done, total);
                }
            }
            file.orphans().forEach(this::orphan);
            if (file.entries().isEmpty() && file.problems().isEmpty()) {
                problems.add(ImportProblem.of(Location.FILE, "catalog.transfer.empty"));
            }
            List<ImportProblem> all = merge();
            return all.isEmpty() ? new Result(all, new ValidatedImplementationList(accepted)) : new Result(all, null);
        }

        private void check(Entry entry) {
            ImplementationListRow row = entry.row();
            Origin origin = entry.origin();
            int before = problems.size();
            required(row, origin);

            BasicCode basicCode = code(origin, BASIC_CODE, row.basicCode(), BasicCode::of);
            UnifiedSocialCreditCode creditCode = code(origin, BODY_CREDIT_CODE, row.bodyCreditCode(),
                    UnifiedSocialCreditCode::of);
            DivisionCode divisionCode = code(origin, DIVISION_CODE, row.divisionCode(), DivisionCode::of);
            ImplementationCode code = implementationCode(row, origin, basicCode, creditCode);
            Column<ImplementationListRow, ?> levelCell = row.implementationCode() != null ? CODE : LEVEL;

            String key = code != null ? code.value() : row.effectiveCode();
            if (key != null) {
                Location here = origin.of(CODE);
                Location first = firstOccurrence.putIfAbsent(key, here);
                if (first != null) {
                    problems.add(ImportProblem.of(here, "catalog.transfer.duplicate-code", key,
                            String.valueOf(first.row())));
                }
            }

            guide(row, origin);

            BasicItemReference basic = null;
            if (basicCode != null) {
                basic = basicItems.computeIfAbsent(basicCode.value(),
                        k -> references.publishedBasicItem(basicCode)).orElse(null);
                if (basic == null) {
                    problems.add(ImportProblem.of(origin.of(BASIC_CODE), "catalog.basic-item.not-found",
                            basicCode.value()));
                } else {
                    if (row.name() != null && !row.name().equals(basic.name())) {
                        problems.add(ImportProblem.of(origin.of(NAME), "catalog.transfer.name-mismatch", row.name(),
                                basic.name()));
                    }
                    if (code != null && !basic.levels().contains(code.level())) {
                        problems.add(ImportProblem.of(origin.of(levelCell), "catalog.transfer.level-not-allowed",
                                basic.code().value(), String.valueOf(code.level().exerciseLevelCode())));
                    }
                }
            }
            BodyReference body = null;
            if (creditCode != null) {
                body = bodies.computeIfAbsent(creditCode.value(), k -> references.body(creditCode)).orElse(null);
                if (body == null) {
                    problems.add(ImportProblem.of(origin.of(BODY_CREDIT_CODE), "catalog.transfer.body-unknown",
                            creditCode.value()));
                } else {
                    if (divisionCode != null && !body.division().equals(divisionCode)) {
                        problems.add(ImportProblem.of(origin.of(DIVISION_CODE),
                                "catalog.transfer.body-division-mismatch", body.name(), body.division().value(),
                                divisionCode.value()));
                    }
                    if (code != null && body.level() != null && body.level() != code.level()) {
                        problems.add(ImportProblem.of(origin.of(levelCell), "catalog.transfer.level-body-mismatch",
                                String.valueOf(code.level().exerciseLevelCode()), body.name(),
                                String.valueOf(body.level().exerciseLevelCode())));
                    }
                }
            }
            DivisionReference division = null;
            if (divisionCode != null) {
                division = divisions.computeIfAbsent(divisionCode.value(), k -> references.division(divisionCode))
                        .orElse(null);
                if (division == null) {
                    problems.add(ImportProblem.of(origin.of(DIVISION_CODE), "catalog.transfer.division-unknown",
                            divisionCode.value()));
                }
            }
            if (problems.size() == before && code != null && basic != null && body != null && division != null) {
                accepted.add(new ValidatedImplementationList.Item(code, row, row.guide(), row.venue(), basic, body,
                        division));
            }
        }

        /** Every required column of the item and its entries; a time limit needs both its days and its unit. */
        private void required(ImplementationListRow row, Origin origin) {
            for (Column<?, ?> column : Sheet.ITEMS.columns()) {
                @SuppressWarnings("unchecked")
                Column<ImplementationListRow, ?> own = (Column<ImplementationListRow, ?>) column;
                if (column.required() && empty(own.valueOf(row))) {
                    problems.add(ImportProblem.of(origin.of(own), REQUIRED, origin.of(own).column()));
                }
            }
            if (row.implementationCode() == null && row.level() == null) {
                problems.add(ImportProblem.of(origin.of(LEVEL), "catalog.transfer.level-required",
                        origin.of(LEVEL).column(), origin.of(CODE).column()));
            }
            pair(origin, row.legalDays(), LEGAL_DAYS, row.legalDayKind(), LEGAL_DAY_KIND);
            pair(origin, row.promisedDays(), PROMISED_DAYS, row.promisedDayKind(), PROMISED_DAY_KIND);
            entries(origin, Sheet.MATERIALS, row.materials());
            entries(origin, Sheet.PROCESS, row.process());
            entries(origin, Sheet.FEES, row.fees());
            entries(origin, Sheet.FAQ, row.faq());
        }

        private void pair(Origin origin, Integer days, Column<ImplementationListRow, ?> daysColumn, Object kind,
                Column<ImplementationListRow, ?> kindColumn) {
            if (days != null && kind == null) {
                problems.add(ImportProblem.of(origin.of(kindColumn), "catalog.transfer.required-with",
                        origin.of(kindColumn).column(), origin.of(daysColumn).column()));
            }
            if (days == null && kind != null) {
                problems.add(ImportProblem.of(origin.of(daysColumn), "catalog.transfer.required-with",
                        origin.of(daysColumn).column(), origin.of(kindColumn).column()));
            }
        }

        @SuppressWarnings("unchecked")
        private <E> void entries(Origin origin, Sheet list, List<E> entries) {
            Column<?, ?> key = list.key().orElseThrow();
            for (int i = 0; i < entries.size(); i++) {
                for (Column<?, ?> column : list.columns()) {
                    if (column != key && column.required() && empty(((Column<E, ?>) column).valueOf(entries.get(i)))) {
                        Location where = origin.of(column, i);
                        problems.add(ImportProblem.of(where, REQUIRED, where.column()));
                    }
                }
            }
        }

        private static boolean empty(Object value) {
            return value == null || value instanceof List<?> list && list.isEmpty();
        }

        /** The code of a column, or {@code null} when blank (reported as required) or invalid (reported here). */
        private <C> C code(Origin origin, Column<ImplementationListRow, String> column, String text,
                Function<String, C> parse) {
            if (text == null) {
                return null;
            }
            try {
                return parse.apply(text);
            } catch (InvalidValueException e) {
                problems.add(ImportProblem.of(origin.of(column), e.code(), e.arguments()));
                return null;
            }
        }

        /**
         * The implementation code given, checked against the credit code, basic code and level given with it; or the
         * code made of them.
         */
        private ImplementationCode implementationCode(ImplementationListRow row, Origin origin, BasicCode basicCode,
                UnifiedSocialCreditCode creditCode) {
            if (row.implementationCode() == null) {
                return basicCode == null || creditCode == null || row.level() == null ? null
                        : ImplementationCode.of(creditCode, row.level(), basicCode);
            }
            ImplementationCode code = code(origin, CODE, row.implementationCode(), ImplementationCode::of);
            if (code == null) {
                return null;
            }
            int before = problems.size();
            if (creditCode != null && !code.creditCode().equals(creditCode)) {
                problems.add(ImportProblem.of(origin.of(CODE), "catalog.transfer.code-credit-mismatch", code.value(),
                        code.creditCode().value(), creditCode.value()));
            }
            if (basicCode != null && !code.basicCode().equals(basicCode)) {
                problems.add(ImportProblem.of(origin.of(CODE), "catalog.transfer.code-basic-mismatch", code.value(),
                        code.basicCode().value(), basicCode.value()));
            }
            if (row.level() != null && row.level() != code.level()) {
                problems.add(ImportProblem.of(origin.of(LEVEL), "catalog.transfer.code-level-mismatch", code.value(),
                        String.valueOf(code.level().exerciseLevelCode()),
                        String.valueOf(row.level().exerciseLevelCode())));
            }
            return problems.size() == before ? code : null;
        }

        /** The guide's own rules, each reported at the cell that has to change. */
        private void guide(ImplementationListRow row, Origin origin) {
            List<Guide.Material> materials = row.materials();
            for (int i = 0; i < materials.size(); i++) {
                Guide.Material material = materials.get(i);
                if (material.source() == Guide.MaterialSource.GOVERNMENT && material.sourceBody() == null) {
                    problems.add(ImportProblem.of(origin.of(SOURCE_BODY, i), "catalog.guide.government-source-body"));
                }
                if (material.sharedResource() != null && (material.source() != Guide.MaterialSource.GOVERNMENT
                        || !material.sharedResource().matches(Guide.Material.RESOURCE_CODE))) {
                    problems.add(ImportProblem.of(origin.of(SHARED_RESOURCE, i), "catalog.guide.shared-resource"));
                }
            }
            // Without visits or depth (reported as required) the rules about them would only guess.
            boolean partial = row.visits() == null || row.onlineDepth() == null;
            for (Guide.Inconsistency problem : row.guide().inconsistencies()) {
                if (partial && DEPTH_AND_VISITS.contains(problem.code())) {
                    continue;
                }
                Location where = switch (problem.code()) {
                    case "catalog.guide.visits-range", "catalog.guide.depth-iv-visits" -> origin.of(VISITS);
                    case "catalog.guide.zero-visits-no-mail" -> origin.of(MAIL_IN);
                    case "catalog.guide.offline-reason" -> origin.of(OFFLINE_REASON);
                    case "catalog.guide.promise-exceeds-law", "catalog.guide.immediate-with-limit" ->
                        origin.of(PROMISED_DAYS);
                    case "catalog.guide.no-process" -> origin.list(Sheet.PROCESS);
                    case "catalog.guide.no-result" -> row.resultName() == null ? null : origin.of(RESULT_NAME);
                    case "catalog.guide.government-source-body", "catalog.guide.shared-resource" -> null; // per material
                    default -> origin.of(CODE);
                };
                if (where != null) {
                    problems.add(ImportProblem.of(where, problem.code(), problem.arguments()));
                }
            }
        }

        private void orphan(Orphan orphan) {
            if (orphan.value() == null) {
                problems.add(ImportProblem.of(orphan.key(), REQUIRED, orphan.key().column()));
                return;
            }
            String key = orphan.value().strip().toUpperCase(Locale.ROOT);
            long sameBasicCode = file.entries().stream()
                    .filter(e -> e.row().basicCode() != null && e.row().basicCode().equalsIgnoreCase(key)).count();
            problems.add(ImportProblem.of(orphan.key(),
                    sameBasicCode > 1 ? "catalog.transfer.ambiguous-item" : "catalog.transfer.unknown-item",
                    orphan.value()));
        }

        /**
         * What reading found and what the check found, in sheet and row order. A cell that could not be read is not
         * also reported as blank, nor is every row of a column that is missing altogether.
         */
        private List<ImportProblem> merge() {
            Set<Location> unreadable = new HashSet<>();
            Set<String> missingColumns = new HashSet<>();
            for (ImportProblem problem : file.problems()) {
                unreadable.add(problem.location());
                if (problem.code().equals("catalog.transfer.column-missing")) {
                    missingColumns.add(problem.sheet() + '\u0000' + problem.column());
                }
            }
            List<ImportProblem> all = new ArrayList<>(file.problems());
            for (ImportProblem problem : problems) {
                boolean echo = (problem.code().equals(REQUIRED) || problem.code().equals("catalog.transfer.required-with")
                        || problem.code().equals("catalog.transfer.level-required"))
                        && (unreadable.contains(problem.location())
                                || missingColumns.contains(problem.sheet() + '\u0000' + problem.column()));
                if (!echo) {
                    all.add(problem);
                }
            }
            all.sort(Comparator.comparingInt((ImportProblem p) -> p.row() == 0 ? -1 : rank(p.sheet()))
                    .thenComparingInt(ImportProblem::row));
            return all;
        }

        private static int rank(String sheet) {
            for (Sheet which : Sheet.values()) {
                if (which.title().equals(sheet)) {
                    return which.ordinal();
                }
            }
            return 0; // JSON: by item
        }
    }
}
