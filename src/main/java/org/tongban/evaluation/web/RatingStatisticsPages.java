package org.tongban.evaluation.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.tongban.evaluation.RatingStatistics;
import org.tongban.organization.DivisionSummary;
import org.tongban.organization.Organization;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.shared.DivisionCode;

/**
 * The public 好差评 results (公示): per body and per item of a division, for a period (this month by default), as a
 * page anyone can open and as JSON.
 */
@Controller
class RatingStatisticsPages {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final RatingStatistics statistics;
    private final Organization organization;

    RatingStatisticsPages(RatingStatistics statistics, Organization organization) {
        this.statistics = statistics;
        this.organization = organization;
    }

    @GetMapping("/ratings")
    String page(@RequestParam(required = false) String division,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Model model) {
        model.addAttribute("report", report(division, from, to));
        List<DivisionSummary> choices = new ArrayList<>();
        for (DivisionSummary city : organization.children(organization.province())) {
            choices.add(city);
            choices.addAll(organization.children(DivisionCode.of(city.code())));
        }
        model.addAttribute("province", organization.province().value());
        model.addAttribute("divisions", choices);
        return "evaluation/statistics";
    }

    @GetMapping("/api/v1/evaluation/statistics")
    @ResponseBody
    RatingStatistics.Report api(@RequestParam(required = false) String division,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return report(division, from, to);
    }

    private RatingStatistics.Report report(String division, LocalDate from, LocalDate to) {
        DivisionCode code = division == null || division.isBlank() ? organization.province()
                : InvalidFieldException.parse("division", () -> DivisionCode.of(division.strip()));
        LocalDate today = LocalDate.now(ZONE);
        LocalDate start = from != null ? from : today.withDayOfMonth(1);
        LocalDate end = to != null ? to : today;
        return statistics.report(code, start, end);
    }
}
