package org.tongban.catalog.internal.transfer;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.tongban.catalog.AssuranceLevel;
import org.tongban.catalog.Guide;
import org.tongban.catalog.Guide.DayKind;
import org.tongban.catalog.Guide.Handling;
import org.tongban.catalog.Guide.OnlineDepth;
import org.tongban.catalog.Guide.Reach;
import org.tongban.catalog.Guide.ResultType;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.Venue;
import org.tongban.shared.DivisionLevel;

/**
 * One version of an implementation item (实施清单事项) as a department prepares it in a spreadsheet: codes as typed
 * (checked only by the {@link ImplementationListValidator}), and every guide element of {@link Guide} with the venue.
 * Scalars a department may leave blank are {@code null}; blank text is {@code null} and text is stripped, so that a
 * row read back from a file equals the row that was written.
 *
 * @param implementationCode the 31-character 实施编码; may be blank when {@code level} is given, it is then derived
 *        from the body's credit code, the level and the basic code
 * @param name the basic item's name (事项名称), for the reader's orientation; when given it must be the basic item's
 *        name unchanged ("同一名称")
 * @param level the exercise level (行使层级)
 * @param legalDays the legal time limit (法定时限) in days of {@code legalDayKind}; none for no limit
 * @param visits on-site visits (到办事现场次数)
 * @param mailIn whether materials and results can travel by post (blank is no)
 * @param assuranceLevel the real-name assurance level an applicant needs (DOMAIN §8)
 */
public record ImplementationListRow(String implementationCode, String name, String basicCode, String bodyCreditCode,
        DivisionLevel level, String divisionCode, List<String> conditions, List<Guide.Material> materials,
        List<Guide.ProcessStep> process, Integer legalDays, DayKind legalDayKind, Integer promisedDays,
        DayKind promisedDayKind, Handling handling, List<Guide.Fee> fees, Integer visits, OnlineDepth onlineDepth,
        boolean mailIn, Reach reach, List<String> jointBodies, ResultType resultType, String resultName,
        String resultSample, String offlineReason, List<Guide.Faq> faq, Venue venue,
        AssuranceLevel assuranceLevel) {

    public ImplementationListRow {
        implementationCode = text(implementationCode);
        name = text(name);
        basicCode = text(basicCode);
        bodyCreditCode = text(bodyCreditCode);
        divisionCode = text(divisionCode);
        conditions = lines(conditions);
        materials = materials == null ? List.of() : materials.stream().map(ImplementationListRow::material).toList();
        process = process == null ? List.of()
                : process.stream().map(s -> new Guide.ProcessStep(text(s.name()), text(s.description()))).toList();
        fees = fees == null ? List.of()
                : fees.stream().map(f -> new Guide.Fee(text(f.name()), text(f.standard()), text(f.basis()),
                        f.reducible())).toList();
        jointBodies = lines(jointBodies);
        resultName = text(resultName);
        resultSample = text(resultSample);
        offlineReason = text(offlineReason);
        faq = faq == null ? List.of()
                : faq.stream().map(q -> new Guide.Faq(text(q.question()), text(q.answer()))).toList();
        venue = venue == null ? new Venue(null, null, null, null, null)
                : new Venue(text(venue.hall()), text(venue.address()), text(venue.hours()),
                        text(venue.consultationPhone()), text(venue.complaintPhone()));
    }

    /**
     * The row of a published item, for export: the code carries the body's credit code, the level and the basic code.
     */
    public static ImplementationListRow of(ImplementationCode code, String name, String divisionCode, Guide guide,
            Venue venue) {
        return of(code.value(), name, code.basicCode().value(), code.creditCode().value(), code.level(), divisionCode,
                guide, venue);
    }

    /** A basic item's standard guide as a row: no codes, no body, no division, no venue. */
    public static ImplementationListRow ofStandard(String name, Guide guide) {
        return of(null, name, null, null, null, null, guide, new Venue(null, null, null, null, null));
    }

    private static ImplementationListRow of(String code, String name, String basicCode, String creditCode,
            DivisionLevel level, String divisionCode, Guide guide, Venue venue) {
        Guide.TimeLimit legal = guide.legalLimit();
        Guide.TimeLimit promised = guide.promisedLimit();
        Guide.Result result = guide.result();
        return new ImplementationListRow(code, name, basicCode, creditCode, level, divisionCode, guide.conditions(), guide.materials(), guide.process(),
                legal == null ? null : legal.days(), legal == null ? null : legal.kind(),
                promised == null ? null : promised.days(), promised == null ? null : promised.kind(),
                guide.handling(), guide.fees(), guide.visits(), guide.onlineDepth(), guide.mailIn(), guide.reach(),
                guide.jointBodies(), result == null ? null : result.type(), result == null ? null : result.name(),
                result == null ? null : result.sample(), guide.offlineReason(), guide.faq(), venue,
                guide.assuranceLevel());
    }

    /** This row with the entries of its list sheets, which a spreadsheet holds apart from the item's row. */
    ImplementationListRow withLists(List<Guide.Material> materials, List<Guide.ProcessStep> process,
            List<Guide.Fee> fees, List<Guide.Faq> faq) {
        return new ImplementationListRow(implementationCode, name, basicCode, bodyCreditCode, level, divisionCode,
                conditions, materials, process, legalDays, legalDayKind, promisedDays, promisedDayKind, handling, fees,
                visits, onlineDepth, mailIn, reach, jointBodies, resultType, resultName, resultSample, offlineReason,
                faq, venue, assuranceLevel);
    }

    /**
     * The implementation code as given, or as derived from credit code, level and basic code; upper case. Not
     * checked: an invalid code is returned as it is, for the validator to report.
     */
    public String effectiveCode() {
        if (implementationCode != null) {
            return implementationCode.toUpperCase(Locale.ROOT);
        }
        if (bodyCreditCode == null || level == null || basicCode == null) {
            return null;
        }
        return (bodyCreditCode + level.exerciseLevelCode() + basicCode).toUpperCase(Locale.ROOT);
    }

    /**
     * The guide these elements make. Only meaningful for a row the validator accepted: a missing time-limit unit
     * drops the limit, missing visits count as 0.
     */
    public Guide guide() {
        return new Guide(conditions, materials, process, limit(legalDays, legalDayKind),
                limit(promisedDays, promisedDayKind), handling, fees, visits == null ? 0 : visits, onlineDepth, mailIn,
                reach, jointBodies,
                resultType == null && resultName == null && resultSample == null ? null
                        : new Guide.Result(resultType, resultName, resultSample),
                offlineReason, faq, assuranceLevel);
    }

    private static Guide.TimeLimit limit(Integer days, DayKind kind) {
        return days == null || kind == null ? null : new Guide.TimeLimit(days, kind);
    }

    private static Guide.Material material(Guide.Material m) {
        return new Guide.Material(text(m.name()), m.type(), m.form(), m.necessity(), m.paperCopies(), m.source(),
                text(m.sourceBody()), text(m.blankForm()), text(m.sample()), text(m.fillingInstructions()),
                text(m.acceptanceStandard()), text(m.legalBasis()), text(m.sharedResource()));
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static List<String> lines(List<String> values) {
        return values == null ? List.of()
                : values.stream().filter(Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
