package org.tongban.supervision;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.tongban.cases.Applications;
import org.tongban.identity.SignedIn;
import org.tongban.platform.documents.DocumentRenderer;
import org.tongban.platform.documents.DocumentsUnavailableException;
import org.tongban.platform.documents.OfficialDocument;

/**
 * A body's monthly assessment report (绩效考核月报) as a PDF, laid out as an official document by the platform's
 * {@link DocumentRenderer}: the indicators with their definitions, numerators and denominators, the composite score and
 * rank, and the trend of the last twelve months. Made from the same {@link AssessmentView.BodyReport} the page shows,
 * with the same access rules.
 */
@Service
public class AssessmentReports {

    /** A rendered report. */
    public record Pdf(String fileName, byte[] content) {
    }

    private final Assessment assessment;
    private final DocumentRenderer renderer;
    private final MessageSource messages;

    AssessmentReports(Assessment assessment, DocumentRenderer renderer, MessageSource messages) {
        this.assessment = assessment;
        this.renderer = renderer;
        this.messages = messages;
    }

    /**
     * @throws DocumentsUnavailableException (503) when the server has no font for documents; otherwise as
     *         {@link Assessment#body}
     */
    public Pdf body(SignedIn who, UUID bodyId, String month, Locale locale) {
        AssessmentView.BodyReport report = assessment.body(who, bodyId, month);
        if (!renderer.available()) {
            throw new DocumentsUnavailableException();
        }
        YearMonth ym = YearMonth.parse(report.month());
        String title = msg(locale, "supervision.assessment.pdf.title", report.bodyName(), ym.getYear(),
                ym.getMonthValue());
        List<OfficialDocument.Block> blocks = new ArrayList<>();
        blocks.add(new OfficialDocument.Paragraph(msg(locale, "supervision.assessment.pdf.intro", report.bodyName(),
                report.divisionName(), ym.getYear(), ym.getMonthValue(), msg(locale, report.frozen()
                        ? "supervision.assessment.frozen" : "supervision.assessment.open"))));
        blocks.add(new OfficialDocument.Heading(msg(locale, "supervision.assessment.pdf.indicators")));
        List<List<String>> rows = new ArrayList<>();
        for (AssessmentView.Indicator i : report.figures().indicators()) {
            rows.add(List.of(msg(locale, "supervision.assessment.indicator." + i.key()),
                    msg(locale, "supervision.assessment.definition." + i.key()), String.valueOf(i.numerator()),
                    String.valueOf(i.denominator()), value(i, locale)));
        }
        blocks.add(new OfficialDocument.Table(List.of(msg(locale, "supervision.assessment.indicator"),
                msg(locale, "supervision.assessment.definition"), msg(locale, "supervision.assessment.numerator"),
                msg(locale, "supervision.assessment.denominator"), msg(locale, "supervision.assessment.value")),
                rows, List.of(3, 6, 2, 2, 2)));
        blocks.add(new OfficialDocument.Heading(msg(locale, "supervision.assessment.pdf.score")));
        blocks.add(new OfficialDocument.Paragraph(report.figures().score() == null
                ? msg(locale, "supervision.assessment.no-score")
                : report.rank() == null ? msg(locale, "supervision.assessment.score-only", report.figures().score())
                : msg(locale, "supervision.assessment.score-rank", report.figures().score(), report.rank(),
                        report.rankedBodies(), report.divisionName())));
        blocks.add(new OfficialDocument.Paragraph(msg(locale, "supervision.assessment.weights-note", assessment.weightsNoteArguments())));
        blocks.add(new OfficialDocument.Heading(msg(locale, "supervision.assessment.pdf.trend")));
        List<List<String>> trend = new ArrayList<>();
        for (AssessmentView.Point p : report.trend()) {
            AssessmentView.Figures f = p.figures();
            trend.add(List.of(p.month(), f.score() == null ? "—" : String.valueOf(f.score()),
                    value(f.indicator("online"), locale), value(f.indicator("on-time"), locale),
                    value(f.indicator("satisfaction"), locale), value(f.indicator("visits"), locale)));
        }
        blocks.add(new OfficialDocument.Table(List.of(msg(locale, "supervision.assessment.month"),
                msg(locale, "supervision.assessment.score"), msg(locale, "supervision.assessment.indicator.online"),
                msg(locale, "supervision.assessment.indicator.on-time"),
                msg(locale, "supervision.assessment.indicator.satisfaction"),
                msg(locale, "supervision.assessment.indicator.visits")), trend, List.of(2, 2, 2, 2, 2, 2)));
        String issuer = msg(locale, "supervision.assessment.pdf.issuer");
        OfficialDocument document = new OfficialDocument(issuer, title, null, null, blocks, issuer,
                LocalDate.now(Applications.ZONE), null);
        return new Pdf(msg(locale, "supervision.assessment.pdf.file", report.bodyName(), report.month()) + ".pdf",
                renderer.render(document));
    }

    /** An indicator's value as the page shows it: a percentage, or visits per case; a dash without a denominator. */
    String value(AssessmentView.Indicator indicator, Locale locale) {
        if (indicator.value() == null) {
            return "—";
        }
        if (indicator.key().equals("visits")) {
            return String.format(Locale.ROOT, "%.2f", indicator.value());
        }
        return String.format(Locale.ROOT, "%.1f%%", indicator.value() * 100);
    }

    private String msg(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
