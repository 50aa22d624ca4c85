package org.tongban.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acceptance by operation of law (行政许可法 Art. 32 para. 1 (4)): an application that received neither a decision
 * nor a correction notice within its acceptance period counts as accepted on the day its materials were received.
 * The job is one conditional UPDATE, so any number of nodes may run it at once: each application moves once.
 */
@Service
public class DeemedAcceptance {

    private static final Logger log = LoggerFactory.getLogger(DeemedAcceptance.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CasesProperties properties;
    private final CaseProcessing processing;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    DeemedAcceptance(JdbcClient jdbc, TransactionTemplate transactions, CasesProperties properties,
            CaseProcessing processing) {
        this(jdbc, transactions, properties, processing, Clock.systemUTC());
    }

    private DeemedAcceptance(JdbcClient jdbc, TransactionTemplate transactions, CasesProperties properties,
            CaseProcessing processing, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.processing = processing;
        this.clock = clock;
    }

    public DeemedAcceptance withClock(Clock clock) {
        return new DeemedAcceptance(jdbc, transactions, properties, processing.withClock(clock), clock);
    }

    @Scheduled(initialDelayString = "${tongban.cases.deemed-acceptance.interval:10m}",
            fixedDelayString = "${tongban.cases.deemed-acceptance.interval:10m}")
    void scheduled() {
        if (properties.deemedAcceptance().enabled()) {
            run();
        }
    }

    /** Records every overdue application as accepted by law; answers their ids. */
    public List<UUID> run() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, Applications.ZONE);
        List<UUID> accepted = transactions.execute(status -> {
            // The decision may still be made on the due day itself; from the next day the law has decided.
            record Accepted(UUID id, LocalDate on) {
            }
            List<Accepted> rows = jdbc.sql("""
                    update cases_application set status = 'ACCEPTED', accepted_by_law = true, accepted_on = received_on,
                        decided_at = ?, updated_at = ?, version = version + 1
                    where status in ('SUBMITTED', 'PRE_REVIEW') and decision_due < ?
                    returning id, accepted_on""")
                    .params(java.sql.Timestamp.from(now), java.sql.Timestamp.from(now), java.sql.Date.valueOf(today))
                    .query((rs, n) -> new Accepted(rs.getObject(1, UUID.class), rs.getDate(2).toLocalDate())).list();
            List<UUID> ids = rows.stream().map(Accepted::id).toList();
            for (Accepted row : rows) {
                jdbc.sql("insert into cases_step (application_id, at, kind, note) values (?, ?, 'ACCEPTED_BY_LAW', ?)")
                        .params(row.id(), java.sql.Timestamp.from(now), "行政许可法第三十二条").update();
                // Handling starts as of the day accepted by law; its limit counts from then.
                processing.start(row.id(), row.on(), true);
            }
            return ids;
        });
        if (!accepted.isEmpty()) {
            log.info("Accepted {} applications by operation of law", accepted.size());
        }
        return accepted;
    }
}
