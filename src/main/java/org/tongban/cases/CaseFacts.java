package org.tongban.cases;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.tongban.cases.internal.ApplicationStore;
import org.tongban.cases.internal.PublishedGuides;
import org.tongban.catalog.Guide;

/**
 * What electronic supervision (电子监察) reads about a case to check it against the rules: the materials the guide the
 * application was made under requires and which of them were on file at acceptance, every correction notice with its
 * items, the case's deadline at the decision, and the notice of a special procedure. Read-only; no personal data
 * (names, ID numbers) is answered.
 */
@Service
public class CaseFacts {

    /** Where a case stands, with the names of the guide's materials (in guide order). */
    public record CaseRef(UUID applicationId, String caseNumber, String itemCode, String itemName, UUID bodyId,
            List<String> guideMaterials) {
    }

    /**
     * A required (必要) material of the guide with no file on the application; materials a government body issues
     * are obtained by sharing (DOMAIN §1) and count as present.
     */
    public record MissingMaterial(int index, String name) {
    }

    /** One correction notice (补正通知) and the items it named. */
    public record Notice(UUID id, Instant requestedAt, List<Item> items) {
    }

    /** An item of a correction notice: {@code kind} {@code MATERIAL} or {@code FIELD}. */
    public record Item(String kind, String target, String name) {
    }

    /** The decision against the deadlines in force when it was made (moved by special procedures, extensions). */
    public record Decision(LocalDate acceptedOn, LocalDate decidedOn, LocalDate dueOn, LocalDate legalDueOn,
            int pausedDays, int extensionDays, String outcome) {
    }

    private final ApplicationStore applications;
    private final PublishedGuides guides;
    private final JdbcClient jdbc;

    CaseFacts(ApplicationStore applications, PublishedGuides guides, JdbcClient jdbc) {
        this.applications = applications;
        this.guides = guides;
        this.jdbc = jdbc;
    }

    /** The submitted case with this number. */
    public Optional<CaseRef> byNumber(String caseNumber) {
        if (caseNumber == null || caseNumber.isBlank() || caseNumber.length() > 50) {
            return Optional.empty();
        }
        return jdbc.sql("select id from cases_application where case_number = ? and status <> 'DRAFT'")
                .param(caseNumber.strip()).query(UUID.class).optional().flatMap(this::of);
    }

    /**
     * The names of who applied (the applicant, and the company applied for), for texts meant for the public that must
     * not name them (个人信息保护法 Art. 34, e.g. the exposure column); empty for an unknown case.
     */
    public List<String> applicantNames(UUID applicationId) {
        return applications.find(applicationId).map(r -> java.util.stream.Stream.of(r.applicantName(),
                r.companyName()).filter(n -> n != null && !n.isBlank()).toList()).orElse(List.of());
    }

    public Optional<CaseRef> of(UUID applicationId) {
        return applications.find(applicationId).filter(r -> r.caseNumber() != null).map(r -> new CaseRef(r.id(),
                r.caseNumber(), r.itemCode(), r.itemName(), r.bodyId(), guide(r).materials().stream()
                        .map(Guide.Material::name).toList()));
    }

    /** Required materials of the application's guide version with no file on the application now. */
    public List<MissingMaterial> missingRequiredMaterials(UUID applicationId) {
        ApplicationStore.Row row = applications.find(applicationId).orElse(null);
        if (row == null) {
            return List.of();
        }
        List<Guide.Material> requirements = guide(row).materials();
        List<Integer> present = applications.materials(applicationId).stream()
                .map(ApplicationStore.MaterialRow::index).toList();
        List<MissingMaterial> missing = new ArrayList<>();
        for (int i = 0; i < requirements.size(); i++) {
            Guide.Material m = requirements.get(i);
            if (m.necessity() == Guide.Necessity.REQUIRED && m.source() != Guide.MaterialSource.GOVERNMENT
                    && !present.contains(i)) {
                missing.add(new MissingMaterial(i, m.name()));
            }
        }
        return missing;
    }

    /** Every correction notice of the application, the earliest first. */
    public List<Notice> corrections(UUID applicationId) {
        Map<UUID, Notice> notices = new LinkedHashMap<>();
        jdbc.sql("""
                select r.id, r.requested_at, e ->> 'kind', e ->> 'target', e ->> 'name'
                from cases_correction_request r cross join lateral jsonb_array_elements(r.items) e
                where r.application_id = ? order by r.requested_at, r.id""")
                .param(applicationId)
                .query(rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    notices.computeIfAbsent(id, k -> {
                        try {
                            return new Notice(k, rs.getTimestamp(2).toInstant(), new ArrayList<>());
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }).items().add(new Item(rs.getString(3), rs.getString(4), rs.getString(5)));
                });
        return notices.values().stream().map(n -> new Notice(n.id(), n.requestedAt(), List.copyOf(n.items())))
                .toList();
    }

    /** The decision of the case, once decided. */
    public Optional<Decision> decision(UUID applicationId) {
        return jdbc.sql("""
                select accepted_on, decided_on, due_on, legal_due_on, paused_days, extension_days, outcome
                from cases_case where application_id = ? and decided_on is not null""")
                .param(applicationId)
                .query((rs, n) -> new Decision(rs.getDate(1).toLocalDate(), rs.getDate(2).toLocalDate(),
                        rs.getDate(3).toLocalDate(), rs.getDate(4).toLocalDate(), rs.getInt(5), rs.getInt(6),
                        rs.getString(7)))
                .optional();
    }

    /**
     * The written notice to the applicant of a special procedure started on {@code startedOn} at the task (行政许可法
     * Art. 45): the reason told, as it stands in the applicant's timeline; empty when none was recorded.
     */
    public Optional<String> specialProcedureNotice(UUID applicationId, UUID taskId, LocalDate startedOn) {
        Optional<String> reason = jdbc.sql("""
                select reason from cases_special_procedure where application_id = ? and task_id = ? and started_on = ?
                order by created_at limit 1""")
                .params(applicationId, taskId, Date.valueOf(startedOn)).query(String.class).optional()
                .filter(r -> !r.isBlank());
        if (reason.isEmpty()) {
            return Optional.empty();
        }
        boolean told = jdbc.sql("""
                select count(*) from cases_step where application_id = ? and kind = 'SPECIAL_START'
                  and note is not null and note <> ''""").param(applicationId).query(Integer.class).single() > 0;
        return told ? reason : Optional.empty();
    }

    /** The guide of the version applied for: published, so never changed (kept by {@link PublishedGuides}). */
    private Guide guide(ApplicationStore.Row row) {
        return guides.of(row.itemCode(), row.itemVersion());
    }
}
