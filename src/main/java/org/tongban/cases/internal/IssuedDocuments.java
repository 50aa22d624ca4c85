package org.tongban.cases.internal;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tongban.platform.documents.OfficialDocument;

import tools.jackson.core.type.TypeReference;

/** Issued official documents of cases, with their numbers, as issued (append-only). */
@Repository
public class IssuedDocuments {

    private static final TypeReference<OfficialDocument> DOCUMENT = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    IssuedDocuments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An issued document: its number, day and content exactly as issued. */
    public record Issued(String kind, UUID subjectId, UUID applicationId, String number, LocalDate issuedOn,
            OfficialDocument content) {
    }

    public Optional<Issued> find(String kind, UUID subject) {
        return jdbc.sql("select * from cases_document where kind = ? and subject_id = ?").params(kind, subject)
                .query((rs, n) -> new Issued(rs.getString("kind"), rs.getObject("subject_id", UUID.class),
                        rs.getObject("application_id", UUID.class), rs.getString("number"),
                        rs.getDate("issued_on").toLocalDate(), Json.read(rs.getString("content"), DOCUMENT)))
                .optional();
    }

    /**
     * The next number of the body's sequence for the kind and year. The sequence row stays locked until the caller's
     * transaction ends: numbers are gap-free and never shared, on one node or several.
     */
    public int nextSequence(UUID body, String kind, int year) {
        return jdbc.sql("""
                insert into cases_document_sequence (body_id, kind, year, last_value) values (?, ?, ?, 1)
                on conflict (body_id, kind, year) do update set last_value = cases_document_sequence.last_value + 1
                returning last_value""").params(body, kind, year).query(Integer.class).single();
    }

    public void insert(String kind, UUID subject, UUID application, UUID body, int year, int sequence, String number,
            LocalDate issuedOn, OfficialDocument content) {
        jdbc.sql("""
                insert into cases_document (kind, subject_id, application_id, body_id, year, sequence, number,
                    issued_on, content)
                values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))""")
                .params(kind, subject, application, body, year, sequence, number, Date.valueOf(issuedOn),
                        Json.write(content))
                .update();
    }
}
