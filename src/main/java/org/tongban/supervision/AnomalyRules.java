package org.tongban.supervision;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tongban.cases.Applications;
import org.tongban.cases.CaseAccepted;
import org.tongban.cases.CaseCorrectionRequested;
import org.tongban.cases.CaseDecided;
import org.tongban.cases.CaseFacts;
import org.tongban.cases.CaseReturned;
import org.tongban.cases.CaseSuspended;
import org.tongban.platform.calendar.WorkingDays;

/**
 * The anomaly rules (电子监察异常规则, see {@link AnomalyRule} for the law each checks), driven by the case events and
 * checked against what the cases module holds ({@link CaseFacts}). Every listener runs after the publisher's commit
 * in its own transaction; a finding is recorded once per rule and source, so a redelivered event or a second node
 * changes nothing. Evidence names materials, dates and counts, never a person.
 */
@Component
class AnomalyRules {

    private final Findings findings;
    private final CaseFacts facts;
    private final JdbcClient jdbc;
    private final WorkingDays workingDays;
    private final SupervisionProperties properties;
    private final Clock clock = Clock.systemUTC();

    AnomalyRules(Findings findings, CaseFacts facts, JdbcClient jdbc, WorkingDays workingDays,
            SupervisionProperties properties) {
        this.findings = findings;
        this.facts = facts;
        this.jdbc = jdbc;
        this.workingDays = workingDays;
        this.properties = properties;
    }

    /** (a) 行政许可法 Art. 32 para. 1 (5): only a complete application is accepted. */
    /** Called by {@link CaseEventListeners} (one listener for the dashboard and the anomaly rules). */
    void on(CaseAccepted event) {
        List<CaseFacts.MissingMaterial> missing = facts.missingRequiredMaterials(event.applicationId());
        if (!missing.isEmpty()) {
            findings.record(AnomalyRule.MISSING_REQUIRED_MATERIAL, "accepted:" + event.applicationId(),
                    event.applicationId(), event.caseNumber(), event.bodyId(),
                    "%s %s，受理时缺少必要材料：%s".formatted(event.acceptedOn(), event.byLaw() ? "依法视为受理" : "受理",
                            missing.stream().map(CaseFacts.MissingMaterial::name)
                                    .collect(Collectors.joining("、"))));
        }
    }

    /**
     * (b) one-time notification (一次告知, 行政许可法 Art. 32 para. 1 (4)) and (c) extra demands (Art. 31; DOMAIN §3):
     * every notice of the case is checked, so a notice is judged against all the notices before it.
     */
    @ApplicationModuleListener
    void on(CaseCorrectionRequested event) {
        checkNotices(event.applicationId(), event.bodyId());
    }

    void checkNotices(UUID applicationId, UUID bodyId) {
        CaseFacts.CaseRef ref = facts.of(applicationId).orElse(null);
        if (ref == null) {
            return;
        }
        List<CaseFacts.Notice> notices = facts.corrections(applicationId);
        Set<String> earlier = new HashSet<>();
        int number = 0;
        for (CaseFacts.Notice notice : notices) {
            number++;
            if (number > 1) {
                List<String> added = notice.items().stream()
                        .filter(i -> !earlier.contains(i.kind() + ":" + i.target())).map(CaseFacts.Item::name)
                        .toList();
                if (!added.isEmpty()) {
                    findings.record(AnomalyRule.REPEATED_NOTICE, "notice:" + notice.id(), applicationId,
                            ref.caseNumber(), bodyId, "第%d次补正通知（%s）新增首次告知以外的事项：%s".formatted(number,
                                    local(notice.requestedAt()), String.join("、", added)));
                }
            }
            notice.items().forEach(i -> earlier.add(i.kind() + ":" + i.target()));
            List<String> extra = notice.items().stream().filter(i -> "MATERIAL".equals(i.kind()))
                    .filter(i -> !inGuide(i, ref.guideMaterials())).map(CaseFacts.Item::name).toList();
            if (!extra.isEmpty()) {
                findings.record(AnomalyRule.EXTRA_DEMAND, "notice:" + notice.id(), applicationId, ref.caseNumber(),
                        bodyId, "补正通知（%s）要求提交办事指南未列明的材料：%s；指南所列材料：%s".formatted(
                                local(notice.requestedAt()), String.join("、", extra),
                                String.join("、", ref.guideMaterials())));
            }
        }
    }

    /** A material item names a material of the guide: by its position and by its name. */
    private static boolean inGuide(CaseFacts.Item item, List<String> guide) {
        int index;
        try {
            index = Integer.parseInt(item.target());
        } catch (NumberFormatException e) {
            return false;
        }
        return index >= 0 && index < guide.size() && guide.get(index).equals(item.name());
    }

    /** (d) 行政许可法 Art. 45: the applicant is told in writing; the procedure stays within its limit. */
    @ApplicationModuleListener
    void on(CaseSuspended event) {
        String key = "special:" + event.taskId() + ":" + event.startedOn();
        if (event.resumedOn() == null) {
            if (facts.specialProcedureNotice(event.applicationId(), event.taskId(), event.startedOn()).isEmpty()) {
                findings.record(AnomalyRule.SUSPENSION_WITHOUT_NOTICE, key, event.applicationId(), event.caseNumber(),
                        bodyOf(event), "特别程序（%s）自 %s 起计，未见向申请人的书面告知".formatted(
                                kind(event.kind()), event.startedOn()));
            }
            return;
        }
        int limit = properties.specialProcedureLimit(event.kind());
        if (event.excludedDays() > limit) {
            findings.record(AnomalyRule.SUSPENSION_TOO_LONG, key, event.applicationId(), event.caseNumber(),
                    bodyOf(event), "特别程序（%s）%s 至 %s，共 %d 个工作日，超过 %d 个工作日的限度".formatted(
                            kind(event.kind()), event.startedOn(), event.resumedOn(), event.excludedDays(), limit));
        }
    }

    /** (e) 行政许可法 Art. 42: decided within the limit in force (moved by special procedures and the extension). */
    /** Called by {@link CaseEventListeners} (one listener for the dashboard and the anomaly rules). */
    void on(CaseDecided event) {
        decided(event, facts.decision(event.applicationId()).orElse(null));
    }

    /** Checks a decision whose facts the caller has read ({@code null}: the case has none). */
    void decided(CaseDecided event, CaseFacts.Decision decision) {
        Optional.ofNullable(decision).filter(d -> d.decidedOn().isAfter(d.dueOn())).ifPresent(d ->
                findings.record(AnomalyRule.LATE_DECISION, "decision:" + event.applicationId(), event.applicationId(),
                        event.caseNumber(), event.bodyId(), ("%s 作出决定，办结期限为 %s（受理日 %s，特别程序顺延 %d 天，"
                                + "延期 %d 个工作日），超期 %d 个工作日%s").formatted(d.decidedOn(), d.dueOn(),
                                d.acceptedOn(), d.pausedDays(), d.extensionDays(), overdue(d.dueOn(), d.decidedOn()),
                                d.decidedOn().isAfter(d.legalDueOn()) ? "；已超过法定期限 " + d.legalDueOn() : "")));
    }

    /**
     * (f) repeated returns (退回) of one case. Only a return concerns this rule, so it listens to {@link CaseReturned}
     * rather than to every {@code CaseStepCompleted}: the other steps (most of them) leave no publication in the
     * registry to be stored, dispatched and marked completed for nothing — and no condition to evaluate either (a
     * SpEL condition on the step event cost 6 % of the parallel-approval workers' CPU, bench/README.md).
     */
    @ApplicationModuleListener
    void on(CaseReturned event) {
        jdbc.sql("""
                insert into supervision_case_return (task_id, application_id, node_id, returned_at)
                values (?, ?, ?, ?) on conflict (task_id) do nothing""")
                .params(event.taskId(), event.applicationId(), event.nodeId(), Timestamp.from(clock.instant()))
                .update();
        int returns = jdbc.sql("select count(*) from supervision_case_return where application_id = ?")
                .param(event.applicationId()).query(Integer.class).single();
        if (returns >= properties.repeatedReturns()) {
            String caseNumber = event.caseNumber() != null ? event.caseNumber()
                    : facts.of(event.applicationId()).map(CaseFacts.CaseRef::caseNumber).orElse("");
            findings.record(AnomalyRule.REPEATED_RETURNS, "returns:" + event.applicationId(), event.applicationId(),
                    caseNumber, event.bodyId(), "办件在办理中已被退回 %d 次（达到 %d 次即列为异常），最近一次退回于环节 %s"
                            .formatted(returns, properties.repeatedReturns(), event.nodeId()));
        }
    }

    @Scheduled(initialDelayString = "${tongban.supervision.anomaly-scan.interval:1h}",
            fixedDelayString = "${tongban.supervision.anomaly-scan.interval:1h}")
    void scheduled() {
        if (properties.anomalyScan().enabled()) {
            scanSuspensions(LocalDate.ofInstant(clock.instant(), Applications.ZONE));
        }
    }

    /** (d) special procedures still running past their limit on {@code today}; answers the findings recorded. */
    int scanSuspensions(LocalDate today) {
        record Running(UUID taskId, LocalDate startedOn, UUID applicationId, String caseNumber, String kind) {
        }
        List<Running> running = jdbc.sql("""
                select task_id, started_on, application_id, case_number, kind from supervision_special_procedure
                where resumed_on is null and started_on < ?""").param(Date.valueOf(today))
                .query((rs, n) -> new Running(rs.getObject(1, UUID.class), rs.getDate(2).toLocalDate(),
                        rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5)))
                .list();
        int recorded = 0;
        for (Running r : running) {
            int limit = properties.specialProcedureLimit(r.kind());
            int days = workingDaysBetween(r.startedOn(), today);
            if (days > limit) {
                UUID body = facts.of(r.applicationId()).map(CaseFacts.CaseRef::bodyId).orElse(null);
                if (body != null && findings.record(AnomalyRule.SUSPENSION_TOO_LONG,
                        "special:" + r.taskId() + ":" + r.startedOn(), r.applicationId(), r.caseNumber(), body,
                        "特别程序（%s）自 %s 起至 %s 仍未结束，已 %d 个工作日，超过 %d 个工作日的限度".formatted(
                                kind(r.kind()), r.startedOn(), today, days, limit))) {
                    recorded++;
                }
            }
        }
        return recorded;
    }

    private int overdue(LocalDate due, LocalDate decided) {
        return workingDaysBetween(due, decided);
    }

    private int workingDaysBetween(LocalDate from, LocalDate to) {
        return Weekdays.between(workingDays.calendar(), from, to);
    }

    private UUID bodyOf(CaseSuspended event) {
        return facts.of(event.applicationId()).map(CaseFacts.CaseRef::bodyId).orElseThrow();
    }

    private static String local(Instant at) {
        return LocalDate.ofInstant(at, Applications.ZONE).toString();
    }

    private static String kind(String kind) {
        return switch (kind) {
            case "HEARING" -> "听证";
            case "TENDERING" -> "招标";
            case "AUCTION" -> "拍卖";
            case "INSPECTION" -> "检验";
            case "TESTING" -> "检测";
            case "QUARANTINE" -> "检疫";
            case "APPRAISAL" -> "鉴定";
            case "EXPERT_REVIEW" -> "专家评审";
            default -> kind;
        };
    }
}
