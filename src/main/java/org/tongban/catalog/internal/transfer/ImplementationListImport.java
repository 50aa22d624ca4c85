package org.tongban.catalog.internal.transfer;

import java.io.InputStream;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;


import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.internal.ItemColumns;
import org.tongban.catalog.internal.transfer.ValidatedImplementationList.Item;

/**
 * Imports an implementation list: a department's whole file becomes new draft versions of its items (version = the
 * highest so far + 1, or 1), in one transaction, or nothing does. Drafts go through the usual review and publication;
 * importing publishes nothing.
 *
 * <p>Writes with JDBC batches into {@code catalog_implementation_item}, filling the columns as
 * {@code ImplementationItem} does (name, aliases, type, target and themes from the published basic item, unchanged),
 * because that entity's constructor is not open to this package. Drafts are not searchable, so the search index needs
 * nothing until a version is published through the entity.
 */
@Service
public class ImplementationListImport {

    private static final int BATCH = 500;
    /** Serializes imports, so that two of them cannot both take the same next version of an item. */
    private static final long LOCK = 0x7462_6c69_7374L;
    private static final String INSERT = """
            insert into catalog_implementation_item (id, code, version, basic_code, basic_version, name, aliases,
                item_type, target, themes, body_id, body_name, division_code, division_name, division_lineage, level,
                online_depth, guide, venue, assurance_level, status)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, 'DRAFT')
            """;

    private final ImportReferences references;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    ImplementationListImport(ImportReferences references, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.references = references;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** A version written. */
    public record Imported(ImplementationCode code, int version) {
    }

    /** What became of a file: its problems, or the versions written. */
    public record Outcome(List<ImportProblem> problems, List<Imported> imported) {

        public Outcome {
            problems = List.copyOf(problems);
            imported = List.copyOf(imported);
        }

        public boolean accepted() {
            return problems.isEmpty();
        }
    }

    /** Reads, checks and, when nothing is wrong, imports a file. */
    public Outcome importFile(InputStream in, TransferFormat format, ImportProgress progress) {
        ImplementationListValidator.Result result = check(format.read(in), progress);
        return result.acceptedList().map(list -> new Outcome(List.of(), importAll(list, progress)))
                .orElseGet(() -> new Outcome(result.problems(), List.of()));
    }

    /**
     * Checks a file against the catalogue and the organization. Outside any transaction: it only reads, and may take a
     * while on a large file.
     */
    public ImplementationListValidator.Result check(ImplementationListFile file, ImportProgress progress) {
        return new ImplementationListValidator(references).validate(file, progress);
    }

    /**
     * Takes the lock imports take before choosing version numbers, for a caller that checks the versions first in
     * the same transaction.
     */
    public void lockVersions() {
        jdbc.execute("select pg_advisory_xact_lock(" + LOCK + ")");
    }

    /** Writes every item as a new draft version, all in one transaction: when one fails, none is written. */
    public List<Imported> importAll(ValidatedImplementationList list, ImportProgress progress) {
        return transaction.execute(status -> {
            jdbc.execute("select pg_advisory_xact_lock(" + LOCK + ")");
            Map<String, Integer> latest = latestVersions(list.items().stream().map(i -> i.code().value()).toList());
            List<Imported> imported = new ArrayList<>(list.size());
            List<Object[]> batch = new ArrayList<>(BATCH);
            for (Item item : list.items()) {
                int version = latest.getOrDefault(item.code().value(), 0) + 1;
                batch.add(values(item, version));
                imported.add(new Imported(item.code(), version));
                if (batch.size() == BATCH) {
                    jdbc.batchUpdate(INSERT, batch);
                    batch.clear();
                    progress.advanced(ImportProgress.Stage.WRITING, imported.size(), list.size());
                }
            }
            if (!batch.isEmpty()) {
                jdbc.batchUpdate(INSERT, batch);
                progress.advanced(ImportProgress.Stage.WRITING, imported.size(), list.size());
            }
            return imported;
        });
    }

    private Map<String, Integer> latestVersions(List<String> codes) {
        Map<String, Integer> latest = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "select code, max(version) from catalog_implementation_item where code = any(?) group by code");
            statement.setArray(1, connection.createArrayOf("varchar", codes.toArray()));
            return statement;
        }, resultSet -> {
            latest.put(resultSet.getString(1), resultSet.getInt(2));
        });
        return latest;
    }

    private static Object[] values(Item item, int version) {
        return new Object[] { UUID.randomUUID(), item.code().value(), version, item.basic().code().value(),
                item.basic().version(), item.basic().name(), ItemColumns.aliases(item.basic().aliases()),
                item.basic().type().code(), item.basic().target().name(),
                ItemColumns.themes(item.basic().themes()), item.body().id(),
                item.body().name(), item.division().code().value(), item.division().fullName(),
                ItemColumns.lineage(item.division().code()), item.code().level().name(),
                item.guide().onlineDepth().name(), ItemColumns.guide(item.guide()),
                ItemColumns.venue(item.venue()), item.guide().assuranceLevel().number() };
    }
}
