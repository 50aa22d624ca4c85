package org.tongban.cases.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The entries of 我的材料 (table {@code cases_material_library}), each owned by a person or a company account. */
@Repository
public class MaterialLibraryStore {

    /** One kept file: what it was submitted as, and the stored file it refers to. */
    public record Entry(UUID id, UUID owner, String materialName, String fileName, String contentType, long size,
            String sha256, String storageKey, Instant uploadedAt, Instant addedAt, LocalDate validUntil,
            String sourceCase) {
    }

    private final JdbcClient jdbc;

    MaterialLibraryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Keeps every file the applicant supplied for the application in the owner's library: uploads and files reused
     * from the library, not the copies the platform fetched from shared data (those are the government's, fetched
     * again next time). The same file for the same material is kept once. Answers how many entries were added.
     */
    public int keepSubmitted(UUID owner, UUID application, String caseNumber, Instant at) {
        return jdbc.sql("""
                insert into cases_material_library (id, owner_account, material_name, file_name, content_type,
                    size_bytes, sha256, storage_key, uploaded_at, added_at, source_case)
                select gen_random_uuid(), :owner, m.requirement_name, m.file_name, m.content_type, m.size_bytes,
                    m.sha256, m.storage_key, m.uploaded_at, :at, :case
                from cases_material m
                where m.application_id = :application
                  and not exists (select 1 from cases_shared_material s where s.material_id = m.id)
                on conflict (owner_account, material_name, sha256) do nothing""")
                .param("owner", owner).param("at", Timestamp.from(at)).param("case", caseNumber)
                .param("application", application).update();
    }

    public List<Entry> of(UUID owner) {
        return jdbc.sql("select * from cases_material_library where owner_account = ? order by added_at desc, "
                        + "material_name limit 500")
                .param(owner).query(this::map).list();
    }

    public Optional<Entry> find(UUID owner, UUID id) {
        return jdbc.sql("select * from cases_material_library where id = ? and owner_account = ?")
                .params(id, owner).query(this::map).optional();
    }

    /** The entry, locked against a concurrent delete while it is attached. */
    public Optional<Entry> lock(UUID owner, UUID id) {
        return jdbc.sql("select * from cases_material_library where id = ? and owner_account = ? for update")
                .params(id, owner).query(this::map).optional();
    }

    public boolean delete(UUID owner, UUID id) {
        return jdbc.sql("delete from cases_material_library where id = ? and owner_account = ?").params(id, owner)
                .update() == 1;
    }

    public boolean setValidUntil(UUID owner, UUID id, LocalDate validUntil) {
        return jdbc.sql("update cases_material_library set valid_until = ? where id = ? and owner_account = ?")
                .params(validUntil, id, owner).update() == 1;
    }

    private Entry map(ResultSet rs, int n) throws SQLException {
        return new Entry(rs.getObject("id", UUID.class), rs.getObject("owner_account", UUID.class),
                rs.getString("material_name"), rs.getString("file_name"), rs.getString("content_type"),
                rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("storage_key"),
                rs.getTimestamp("uploaded_at").toInstant(), rs.getTimestamp("added_at").toInstant(),
                rs.getObject("valid_until", LocalDate.class), rs.getString("source_case"));
    }
}
