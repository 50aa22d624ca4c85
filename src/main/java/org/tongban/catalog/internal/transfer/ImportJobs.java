package org.tongban.catalog.internal.transfer;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports of large files in the background, with their progress in PostgreSQL so that a page polling any node sees
 * it: checking and writing run as {@link ImplementationListImport#importFile} does (all or nothing); progress is
 * written in transactions of its own, so that it shows while the import's transaction is still open.
 */
@Component
public class ImportJobs {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A job not updated for this long died with its node. */
    private static final Duration STALE = Duration.ofMinutes(10);

    private final ImplementationListImport importer;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate separately;

    ImportJobs(ImplementationListImport importer, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.importer = importer;
        this.jdbc = jdbc;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Where a job stands.
     *
     * @param status {@code RUNNING}, {@code IMPORTED}, {@code REJECTED} or {@code FAILED}
     */
    public record Job(UUID id, String fileName, UUID startedBy, String status, String stage, int done, int total,
            Integer imported, List<ImportProblem> problems) {

        public boolean running() {
            return status.equals("RUNNING");
        }

        /** Percent done: checking counts as the first half, writing as the second. */
        public int percent() {
            if (total == 0) {
                return 0;
            }
            int half = done * 50 / total;
            return "WRITING".equals(stage) ? 50 + half : half;
        }
    }

    /** Starts importing {@code content} on a virtual thread. */
    public UUID start(byte[] content, String fileName, TransferFormat format, UUID by, String division) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into catalog_import_job (id, file_name, started_by, division, status) values (?, ?, ?, ?, "
                + "'RUNNING')", id, fileName.length() > 200 ? fileName.substring(0, 200) : fileName, by, division);
        Thread.ofVirtual().name("catalog-import-" + id).start(() -> run(id, content, format));
        return id;
    }

    private void run(UUID id, byte[] content, TransferFormat format) {
        try {
            ImplementationListImport.Outcome outcome = importer.importFile(new ByteArrayInputStream(content), format,
                    (stage, done, total) -> update("update catalog_import_job set stage = ?, done = ?, total = ?, "
                            + "updated_at = now() where id = ?", stage.name(), done, total, id));
            if (outcome.accepted()) {
                update("update catalog_import_job set status = 'IMPORTED', imported = ?, updated_at = now() "
                        + "where id = ?", outcome.imported().size(), id);
            } else {
                update("update catalog_import_job set status = 'REJECTED', problems = ?::jsonb, updated_at = now() "
                        + "where id = ?", JSON.writeValueAsString(outcome.problems()), id);
            }
        } catch (RuntimeException e) {
            log.error("Catalogue import {} failed", id, e);
            update("update catalog_import_job set status = 'FAILED', updated_at = now() where id = ?", id);
        }
    }

    private void update(String sql, Object... arguments) {
        separately.executeWithoutResult(status -> jdbc.update(sql, arguments));
    }

    /** A job, if {@code by} started it. */
    public Optional<Job> find(UUID id, UUID by) {
        return jdbc.query("select id, file_name, started_by, status, stage, done, total, imported, problems, updated_at "
                + "from catalog_import_job where id = ? and started_by = ?", (rs, i) -> {
                    String status = rs.getString("status");
                    Instant updated = rs.getTimestamp("updated_at").toInstant();
                    if (status.equals("RUNNING") && updated.plus(STALE).isBefore(Instant.now())) {
                        status = "FAILED";
                    }
                    String problems = rs.getString("problems");
                    return new Job(rs.getObject("id", UUID.class), rs.getString("file_name"),
                            rs.getObject("started_by", UUID.class), status, rs.getString("stage"), rs.getInt("done"),
                            rs.getInt("total"), (Integer) rs.getObject("imported"),
                            problems == null ? List.of()
                                    : JSON.readValue(problems, new TypeReference<List<ImportProblem>>() { }));
                }, id, by).stream().findFirst();
    }
}
