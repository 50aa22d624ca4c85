package org.tongban.exchange.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.tongban.exchange.SubjectType;

/**
 * The exchange's access log (共享访问日志, DOMAIN §9): every exchange — served, partly withheld, refused or about an
 * unknown subject — records who asked (body and system or person), for which case and purpose, about whom, which
 * data items, when and with what result. Entries are append-only (a trigger refuses updates and deletes) and
 * hash-chained: each entry's SHA-256 covers its content and the previous entry's hash, so {@link #verify()} finds an
 * altered entry or a gap. An entry is committed before its caller serves any data, so no exchange goes unlogged; the
 * chain is safe with several nodes (an advisory lock orders the batches of all nodes).
 */
@Service
public class AccessLog implements DisposableBean {

    /** Serializes appends so the chain has one order (advisory lock, held to the end of the appending transaction). */
    private static final long CHAIN_LOCK = 0x746f6e6762616e78L; // "tongbanx"
    private static final String GENESIS = "0".repeat(64);

    /** UNAVAILABLE: the provider (a department system) could not answer; nothing was served. */
    public enum Result { SERVED, PARTIAL, DENIED, NOT_FOUND, UNAVAILABLE }

    public record Entry(long id, Instant occurredAt, String channel, UUID consumerBodyId, String consumerBodyName,
            String consumerActor, String resourceCode, String resourceName, String providerBodyName,
            SubjectType subjectType, String subjectKey, String subjectMasked, List<String> items,
            List<String> withheldItems, String purpose, String caseReference, Result result) {
    }

    /** Outcome of a verification: entries checked and the first entry whose hash or link does not match. */
    public record Verification(long entries, Long firstBrokenId) {
        public boolean intact() {
            return firstBrokenId == null;
        }
    }

    private static final int MAX_BATCH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread appender;
    private volatile boolean running = true;

    AccessLog(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        // Plain JDBC transactions on the appender's own thread: a batch is a few statements, and the platform's JPA
        // transaction manager opened a Hibernate session for each, about 40 % of the appender's CPU.
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.appender = Thread.ofVirtual().name("exchange-access-log").start(this::appendLoop);
    }

    /**
     * Appends an entry (the id and time given are ignored) and returns it as stored, once it is durable. Entries of
     * concurrent callers are chained and written together by one appender (group commit: one transaction and one
     * fsync per batch rather than per entry), so the chain's serialization costs one commit per batch.
     *
     * @throws IllegalStateException when the entry could not be written; the caller must then not serve any data
     */
    public Entry append(Entry e) {
        Pending pending = new Pending(e, new CompletableFuture<>());
        if (!running) {
            throw new IllegalStateException("the access log is shut down");
        }
        queue.add(pending);
        try {
            return pending.done().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException ex) {
            throw new IllegalStateException("access log entry not written", ex.getCause());
        } catch (TimeoutException ex) {
            throw new IllegalStateException("access log entry not confirmed in time", ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while logging", ex);
        }
    }

    private record Pending(Entry entry, CompletableFuture<Entry> done) {
    }

    private void appendLoop() {
        while (running || !queue.isEmpty()) {
            Pending first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ex) {
                continue;
            }
            if (first == null) {
                continue;
            }
            List<Pending> batch = new ArrayList<>();
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                List<Entry> written = transactions.execute(status -> write(batch));
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).done().complete(written.get(i));
                }
            } catch (RuntimeException ex) {
                batch.forEach(p -> p.done().completeExceptionally(ex));
            }
        }
    }

    private List<Entry> write(List<Pending> batch) {
        jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, CHAIN_LOCK);
        String previous = jdbc.query("select hash from exchange_access_log order by id desc limit 1",
                rs -> rs.next() ? rs.getString(1) : GENESIS);
        List<Long> ids = jdbc.queryForList("select nextval('exchange_access_log_id_seq') from generate_series(1, ?)",
                Long.class, batch.size());
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Entry> entries = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Entry e = batch.get(i).entry();
            Entry entry = new Entry(ids.get(i), at, e.channel(), e.consumerBodyId(), e.consumerBodyName(),
                    e.consumerActor(), e.resourceCode(), e.resourceName(), e.providerBodyName(), e.subjectType(),
                    e.subjectKey(), e.subjectMasked(), e.items(), e.withheldItems(), e.purpose(), e.caseReference(),
                    e.result());
            String hash = hash(previous, entry);
            rows.add(new Object[] { entry.id(), Timestamp.from(at), e.channel(), e.consumerBodyId(),
                    e.consumerBodyName(), e.consumerActor(), e.resourceCode(), e.resourceName(), e.providerBodyName(),
                    e.subjectType().name(), e.subjectKey(), e.subjectMasked(), String.join(",", e.items()),
                    String.join(",", e.withheldItems()), e.purpose(), e.caseReference(), e.result().name(), previous,
                    hash });
            entries.add(entry);
            previous = hash;
        }
        jdbc.batchUpdate("insert into exchange_access_log (id, occurred_at, channel, consumer_body_id, "
                + "consumer_body_name, consumer_actor, resource_code, resource_name, provider_body_name, subject_type, "
                + "subject_key, subject_masked, items, withheld_items, purpose, case_reference, result, previous_hash, "
                + "hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        return entries;
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        appender.join(TimeUnit.SECONDS.toMillis(10));
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("the access log is shut down"));
        }
    }

    /** Served exchanges about a subject, newest first: what the data subject sees. */
    @Transactional(readOnly = true)
    public List<Entry> about(SubjectType type, String key, int limit) {
        return jdbc.query("select * from exchange_access_log where subject_type = ? and subject_key = ? "
                + "and result in ('SERVED', 'PARTIAL') order by id desc limit ?", this::map, type.name(), key, limit);
    }

    /** The newest entries of every kind, for administrators. */
    @Transactional(readOnly = true)
    public List<Entry> recent(int limit) {
        return jdbc.query("select * from exchange_access_log order by id desc limit ?", this::map, limit);
    }

    @Transactional(readOnly = true)
    public Entry get(long id) {
        return jdbc.query("select * from exchange_access_log where id = ?", this::map, id).getFirst();
    }

    /** Walks the whole chain in order and recomputes every hash. */
    @Transactional(readOnly = true)
    public Verification verify() {
        long[] count = { 0 };
        String[] previous = { GENESIS };
        Long[] broken = { null };
        jdbc.query("select * from exchange_access_log order by id", (RowCallbackHandler) rs -> {
            count[0]++;
            if (broken[0] != null) {
                return;
            }
            Entry entry = map(rs, 0);
            String stored = rs.getString("hash");
            if (!previous[0].equals(rs.getString("previous_hash")) || !hash(previous[0], entry).equals(stored)) {
                broken[0] = entry.id();
            }
            previous[0] = stored;
        });
        return new Verification(count[0], broken[0]);
    }

    static String hash(String previous, Entry e) {
        String canonical = String.join("\u001f", previous, Long.toString(e.id()), e.occurredAt().toString(),
                e.channel(), String.valueOf(e.consumerBodyId()), e.consumerBodyName(), e.consumerActor(),
                e.resourceCode(), e.resourceName(), e.providerBodyName(), e.subjectType().name(), e.subjectKey(),
                e.subjectMasked(), String.join(",", e.items()), String.join(",", e.withheldItems()), e.purpose(),
                String.valueOf(e.caseReference()), e.result().name());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Entry map(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("channel"),
                rs.getObject("consumer_body_id", UUID.class), rs.getString("consumer_body_name"),
                rs.getString("consumer_actor"), rs.getString("resource_code"), rs.getString("resource_name"),
                rs.getString("provider_body_name"), SubjectType.valueOf(rs.getString("subject_type")),
                rs.getString("subject_key"), rs.getString("subject_masked"), split(rs.getString("items")),
                split(rs.getString("withheld_items")), rs.getString("purpose"), rs.getString("case_reference"),
                Result.valueOf(rs.getString("result")));
    }

    private static List<String> split(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split(","));
    }
}
