package org.tongban.catalog.internal.transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.tongban.catalog.BasicCode;
import org.tongban.catalog.Guide;
import org.tongban.catalog.LegalBasis;
import org.tongban.catalog.ServiceTarget;
import org.tongban.catalog.Theme;
import org.tongban.catalog.internal.transfer.ImportProblem.Location;
import org.tongban.catalog.internal.transfer.ListLayout.Column;
import org.tongban.organization.BodyCategory;
import org.tongban.shared.DivisionLevel;
import org.tongban.shared.InvalidValueException;

/**
 * The form of a basic-catalogue item (基本目录事项): its own facts (basic code, name, service target, responsible
 * department, exercise levels, themes, aliases, legal bases) and its province-wide standard guide. The standard is
 * read through the same fields, and checked by the same rules, as an implementation item's guide (see
 * {@link ImplementationItemForm}); only the implementation's own fields (codes, body, division, venue) are absent.
 *
 * <p>Field names: {@code code}, {@code name}, {@code target}, {@code department}, {@code levels} and {@code themes}
 * (enum names separated by commas), {@code aliases} and {@code legalBases} (one per line, a legal basis written as
 * 《法律名称》第三十五条), then the guide's fields as the implementation form names them.
 */
public final class BasicItemForm {

    /** What an implementation has and a standard has not. */
    private static final Set<String> IMPLEMENTATION_ONLY = Stream.of(ListLayout.CODE, ListLayout.NAME,
            ListLayout.BASIC_CODE, ListLayout.BODY_CREDIT_CODE, ListLayout.LEVEL, ListLayout.DIVISION_CODE,
            ListLayout.HALL, ListLayout.ADDRESS, ListLayout.HOURS, ListLayout.CONSULTATION_PHONE,
            ListLayout.COMPLAINT_PHONE).map(Column::field).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static final Set<String> DROPPED_WITH_THEM = Set.of("catalog.transfer.required",
            "catalog.transfer.required-with", "catalog.transfer.level-required");

    private BasicItemForm() {
    }

    /** A form read without a problem: a version of a basic item, ready to be written as a draft. */
    public record Draft(BasicCode code, String name, ServiceTarget target, BodyCategory department,
            List<DivisionLevel> levels, List<Theme> themes, List<String> aliases, List<LegalBasis> legalBases,
            Guide standard) {
    }

    /** What a form holds: the problems found, each at its field, or the draft. */
    public record Result(List<ImportProblem> problems, Draft draft) {
    }

    /** The standard guide's fields, in the implementation form's order, without the implementation's own. */
    public static List<ImplementationItemForm.Field> standardFields() {
        return ImplementationItemForm.itemFields().stream().filter(f -> !IMPLEMENTATION_ONLY.contains(f.name()))
                .toList();
    }

    /** The form's values for a version of a basic item. */
    public static Map<String, String> values(BasicCode code, String name, ServiceTarget target,
            BodyCategory department, List<DivisionLevel> levels, List<Theme> themes, List<String> aliases,
            List<LegalBasis> legalBases, Guide standard) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("code", code.value());
        values.put("name", name);
        values.put("target", target.name());
        values.put("department", department.name());
        values.put("levels", String.join(",", levels.stream().map(Enum::name).toList()));
        values.put("themes", String.join(",", themes.stream().map(Enum::name).toList()));
        values.put("aliases", String.join("\n", aliases));
        values.put("legalBases", String.join("\n", legalBases.stream().map(LegalBasis::toString).toList()));
        ImplementationListRow row = ImplementationListRow.ofStandard(name, standard);
        ImplementationItemForm.values(row).forEach((field, value) -> {
            if (!IMPLEMENTATION_ONLY.contains(field) && !field.startsWith("venue.")) {
                values.put(field, value);
            }
        });
        return values;
    }

    /** Reads and checks a form; every problem is found in one pass. */
    public static Result read(Map<String, String> values) {
        List<ImportProblem> problems = new ArrayList<>();
        BasicCode code = parse(values, "code", "基本编码", problems, BasicCode::of);
        String name = text(values.get("name"));
        if (name == null) {
            problems.add(required("name", "事项名称"));
        } else if (name.length() > 200) {
            problems.add(ImportProblem.of(at("name", "事项名称"), "catalog.item.name"));
        }
        ServiceTarget target = parse(values, "target", "服务对象", problems, ServiceTarget::valueOf);
        BodyCategory department = parse(values, "department", "主管部门", problems, BodyCategory::valueOf);
        List<DivisionLevel> levels = choices(values, "levels", "行使层级", problems, DivisionLevel::valueOf);
        if (levels != null && levels.isEmpty()) {
            problems.add(required("levels", "行使层级"));
        }
        List<Theme> themes = choices(values, "themes", "主题", problems, Theme::valueOf);
        if (themes != null && target != null && target != ServiceTarget.BOTH) {
            themes.stream().filter(t -> t.audience() != target).findFirst().ifPresent(t -> problems.add(
                    ImportProblem.of(at("themes", "主题"), "catalog.basic.theme-audience", t.name())));
        }
        List<String> aliases = lines(values.get("aliases"));
        if (aliases.stream().anyMatch(a -> a.length() > 50 || a.contains(","))) {
            problems.add(ImportProblem.of(at("aliases", "别名"), "catalog.basic.alias"));
        }
        List<LegalBasis> legalBases = lines(values.get("legalBases")).stream().map(BasicItemForm::legalBasis)
                .toList();
        if (legalBases.isEmpty()) {
            problems.add(required("legalBases", "设定依据"));
        }

        ImplementationListFile guideForm = ImplementationItemForm.read(values);
        for (ImportProblem problem : ImplementationListValidator.checkStandard(guideForm)) {
            if (!IMPLEMENTATION_ONLY.contains(problem.sheet())) {
                problems.add(problem);
            } else if (!DROPPED_WITH_THEM.contains(problem.code())) {
                // A rule of the whole guide (reported at the implementation code in a spreadsheet): the form's summary.
                problems.add(new ImportProblem(new Location("", 1, ""), problem.code(), problem.arguments()));
            }
        }
        if (!problems.isEmpty()) {
            return new Result(problems, null);
        }
        Guide standard = guideForm.entries().getFirst().row().guide();
        return new Result(List.of(), new Draft(code, name, target, department, levels,
                themes == null ? List.of() : themes, aliases, legalBases, standard));
    }

    /** 《食品安全法》第三十五条 → law 《食品安全法》, article 第三十五条; a line without 《》 is the law alone. */
    static LegalBasis legalBasis(String line) {
        int close = line.indexOf('》');
        if (line.startsWith("《") && close > 0 && close < line.length() - 1) {
            return new LegalBasis(line.substring(0, close + 1), line.substring(close + 1).strip());
        }
        return new LegalBasis(line, null);
    }

    private static <V> V parse(Map<String, String> values, String field, String header, List<ImportProblem> problems,
            Function<String, V> parse) {
        String text = text(values.get(field));
        if (text == null) {
            problems.add(required(field, header));
            return null;
        }
        try {
            return parse.apply(text);
        } catch (InvalidValueException e) {
            problems.add(ImportProblem.of(at(field, header), e.code(), e.arguments()));
        } catch (IllegalArgumentException e) {
            problems.add(ImportProblem.of(at(field, header), "catalog.basic.choice", text));
        }
        return null;
    }

    /** The chosen values of a set of check boxes, or {@code null} when one of them is not a choice (reported). */
    private static <V> List<V> choices(Map<String, String> values, String field, String header,
            List<ImportProblem> problems, Function<String, V> parse) {
        List<V> chosen = new ArrayList<>();
        String text = values.get(field);
        for (String name : text == null ? new String[0] : text.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                V value = parse.apply(name.strip());
                if (!chosen.contains(value)) {
                    chosen.add(value);
                }
            } catch (IllegalArgumentException e) {
                problems.add(ImportProblem.of(at(field, header), "catalog.basic.choice", name.strip()));
                return null;
            }
        }
        return chosen;
    }

    private static ImportProblem required(String field, String header) {
        return ImportProblem.of(at(field, header), "catalog.transfer.required", header);
    }

    private static Location at(String field, String header) {
        return new Location(field, 1, header);
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static List<String> lines(String text) {
        return text == null ? List.of()
                : text.lines().map(String::strip).filter(l -> !l.isEmpty()).distinct().toList();
    }
}
