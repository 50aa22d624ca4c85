package org.tongban.cases.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tongban.identity.PersonalData;

import tools.jackson.core.type.TypeReference;

/**
 * Materials an application obtained from shared resources (table {@code cases_shared_material}); the fetched items
 * are sealed (DOMAIN §8) while the applicant previews them and wiped once they decide.
 */
@Repository
public class SharedMaterialStore {

    private static final TypeReference<LinkedHashMap<String, String>> ITEMS = new TypeReference<>() {
    };

    public enum Status { PREVIEW, CONSENTED, DECLINED }

    /** One fetched material; {@code items} (item → display value) only while it is previewed. */
    public record Row(UUID applicationId, int index, String resourceCode, String resourceName, String providerName,
            String subjectMasked, Map<String, String> items, long exchangeEntryId, Instant fetchedAt, Status status,
            Instant decidedAt, UUID materialId) {
    }

    private final JdbcClient jdbc;
    private final PersonalData personalData;

    SharedMaterialStore(JdbcClient jdbc, PersonalData personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
    }

    /** Stores a fresh preview, replacing whatever the slot had before. */
    public void putPreview(UUID application, int index, String resourceCode, String resourceName, String provider,
            String subjectMasked, Map<String, String> items, long entryId, Instant at) {
        forget(application, index);
        jdbc.sql("""
                insert into cases_shared_material (application_id, requirement_index, resource_code, resource_name,
                    provider_name, subject_masked, items_sealed, exchange_entry_id, fetched_at, status)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PREVIEW')""")
                .params(application, index, resourceCode, resourceName, provider, subjectMasked,
                        personalData.encrypt(Json.write(items)), entryId, Timestamp.from(at))
                .update();
    }

    /** Records the applicant's decision and wipes the fetched items; false when the slot was not being previewed. */
    public boolean decide(UUID application, int index, Status status, UUID materialId, Instant at, Status from) {
        return jdbc.sql("""
                update cases_shared_material set status = ?, items_sealed = null, decided_at = ?, material_id = ?
                where application_id = ? and requirement_index = ? and status = ?""")
                .params(status.name(), Timestamp.from(at), materialId, application, index, from.name()).update() == 1;
    }

    public void forget(UUID application, int index) {
        jdbc.sql("delete from cases_shared_material where application_id = ? and requirement_index = ?")
                .params(application, index).update();
    }

    public Optional<Row> find(UUID application, int index) {
        return jdbc.sql("select * from cases_shared_material where application_id = ? and requirement_index = ?")
                .params(application, index).query(this::map).optional();
    }

    public List<Row> of(UUID application) {
        return jdbc.sql("select * from cases_shared_material where application_id = ? order by requirement_index")
                .param(application).query(this::map).list();
    }

    private Row map(ResultSet rs, int n) throws SQLException {
        String sealed = rs.getString("items_sealed");
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Row(rs.getObject("application_id", UUID.class), rs.getInt("requirement_index"),
                rs.getString("resource_code"), rs.getString("resource_name"), rs.getString("provider_name"),
                rs.getString("subject_masked"), sealed == null ? Map.of() : Json.read(personalData.decrypt(sealed), ITEMS),
                rs.getLong("exchange_entry_id"), rs.getTimestamp("fetched_at").toInstant(),
                Status.valueOf(rs.getString("status")), decided == null ? null : decided.toInstant(),
                rs.getObject("material_id", UUID.class));
    }
}
