package org.tongban.exchange.internal;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.tongban.exchange.CertificateLibrary;
import org.tongban.exchange.DataSubject;
import org.tongban.exchange.ProviderUnavailableException;
import org.tongban.exchange.SubjectType;
import org.tongban.identity.PersonalData;

/**
 * Reads the in-platform base databases (人口、法人、社会信用): every data item of a source about one subject. Codes follow
 * the national standards where one exists: sex GB/T 2261.1 (1 male, 2 female), marital status GB/T 2261.2 (10 未婚,
 * 20 已婚, 30 丧偶, 40 离婚).
 *
 * <p>Its reads are single statements and run without a transaction of their own (in the caller's, when there is
 * one): the exchange gateway reads on every call.
 */
@Service
public class BaseData {

    private final JdbcTemplate jdbc;
    private final PersonalData protection;
    private final ObjectProvider<CertificateLibrary> certificates;
    private final DepartmentSystems departmentSystems;

    BaseData(JdbcTemplate jdbc, PersonalData protection, ObjectProvider<CertificateLibrary> certificates,
            DepartmentSystems departmentSystems) {
        this.jdbc = jdbc;
        this.departmentSystems = departmentSystems;
        this.protection = protection;
        this.certificates = certificates;
    }

    /** The certificate library, when the module that issues certificates provides one. */
    public Optional<CertificateLibrary> certificateLibrary() {
        return Optional.ofNullable(certificates.getIfAvailable());
    }

    /**
     * Every item of the resource about the subject, one map per row. A certificate-library resource serves the
     * certificates of the type its related code names, and the library notes the consumer's use for the holder
     * (a write: it joins the caller's transaction if there is one).
     */
    public List<Map<String, Object>> rows(Resource resource, DataSubject subject, Collection<String> served,
            UUID consumerBodyId, String consumerBodyName, String purpose) {
        if (resource.external()) {
            // A department system knows people by their ID number: decrypted only for this call, from the
            // population data that named the subject.
            DataSubject named = subject.clear() != null || subject.type() != SubjectType.PERSON ? subject
                    : new DataSubject(subject.type(), subject.key(), subject.masked(), jdbc.queryForList(
                            "select id_number_cipher from exchange_person where id_number_hash = ?", String.class,
                            subject.key()).stream().findFirst().map(protection::decrypt).orElse(null));
            return departmentSystems.rows(resource, named, resource.items());
        }
        if (resource.source() != Source.CERTIFICATES) {
            return rows(resource.source(), subject, served);
        }
        CertificateLibrary library = certificateLibrary().orElseThrow(() -> new ProviderUnavailableException(
                "exchange.provider.unavailable", null, resource.name()));
        return library.held(resource.relatedCodes() == null ? "" : resource.relatedCodes().strip(), subject.type(),
                subject.key(), consumerBodyId, consumerBodyName, purpose);
    }

    /** Whether the subject is known to the population or legal-person base data. */
    public boolean knows(DataSubject subject) {
        return subject.type() == SubjectType.PERSON
                ? exists("select count(*) from exchange_person where id_number_hash = ?", subject.key())
                : exists("select count(*) from exchange_legal_person where credit_code = ?", subject.key());
    }

    /** The name the base data gives the subject, if known. */
    public Optional<String> name(DataSubject subject) {
        return jdbc.queryForList(subject.type() == SubjectType.PERSON
                ? "select name from exchange_person where id_number_hash = ?"
                : "select name from exchange_legal_person where credit_code = ?", String.class, subject.key())
                .stream().findFirst();
    }

    /** The masked ID number of a known person (for views of the subject). */
    public Optional<String> maskedIdNumber(String hash) {
        return jdbc.queryForList("select id_number_masked from exchange_person where id_number_hash = ?", String.class,
                hash).stream().findFirst();
    }

    /**
     * The look-up hash and masked ID number of a company's legal representative (法定代表人), as the legal-person
     * base data names them, when the population data knows that person.
     */
    public Optional<String[]> legalRepresentative(String creditCode) {
        return jdbc.query("select p.id_number_hash, p.id_number_masked from exchange_legal_person c "
                + "join exchange_person p on p.id_number_hash = c.legal_rep_id_hash where c.credit_code = ?",
                (rs, i) -> new String[] { rs.getString(1), rs.getString(2) }, creditCode).stream().findFirst();
    }

    /**
     * The items of the source about the subject, one map per row, items in the source's order: every item, except
     * that a person's ID number is decrypted only when it is among those to be served (the map then has no such key).
     */
    public List<Map<String, Object>> rows(Source source, DataSubject subject, Collection<String> served) {
        boolean idNumber = served.contains("idNumber");
        return switch (source) {
            case CERTIFICATES -> throw new IllegalArgumentException("certificates are served by resource");
            case POPULATION -> jdbc.query("select * from exchange_person where id_number_hash = ?", (rs, i) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", rs.getString("name"));
                if (idNumber) {
                    row.put("idNumber", protection.decrypt(rs.getString("id_number_cipher")));
                }
                row.put("sex", "M".equals(rs.getString("sex")) ? "1" : "2");
                row.put("birthDate", rs.getObject("birth_date", LocalDate.class).toString());
                row.put("ethnicity", rs.getString("ethnicity"));
                row.put("householdDivision", rs.getString("household_division"));
                row.put("address", rs.getString("address"));
                row.put("maritalStatus", switch (rs.getString("marital_status")) {
                    case "SINGLE" -> "10";
                    case "MARRIED" -> "20";
                    case "WIDOWED" -> "30";
                    default -> "40";
                });
                return row;
            }, subject.key());
            case LEGAL_PERSON -> jdbc.query("select * from exchange_legal_person where credit_code = ?", (rs, i) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("creditCode", rs.getString("credit_code"));
                row.put("name", rs.getString("name"));
                row.put("kind", rs.getString("kind"));
                row.put("legalRepresentative", rs.getString("legal_rep_name"));
                row.put("registeredCapital", rs.getBigDecimal("registered_capital"));
                row.put("establishedOn", rs.getObject("established_on", LocalDate.class).toString());
                row.put("division", rs.getString("division"));
                row.put("address", rs.getString("address"));
                row.put("status", rs.getString("status"));
                return row;
            }, subject.key());
            case DISHONEST -> jdbc.query("select * from exchange_dishonest_entry where subject_type = ? and subject_key = ? "
                    + "order by listed_on desc", (rs, i) -> {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("listedBy", rs.getString("listed_by"));
                        row.put("reason", rs.getString("reason"));
                        row.put("listedOn", rs.getObject("listed_on", LocalDate.class).toString());
                        LocalDate removed = rs.getObject("removed_on", LocalDate.class);
                        row.put("removedOn", removed == null ? null : removed.toString());
                        return row;
                    }, subject.type().name(), subject.key());
            case PENALTY -> jdbc.query("select * from exchange_penalty where subject_type = ? and subject_key = ? "
                    + "order by decided_on desc", (rs, i) -> {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("decisionNumber", rs.getString("decision_number"));
                        row.put("authority", rs.getString("authority"));
                        row.put("violation", rs.getString("violation"));
                        row.put("penalty", rs.getString("penalty"));
                        row.put("decidedOn", rs.getObject("decided_on", LocalDate.class).toString());
                        return row;
                    }, subject.type().name(), subject.key());
        };
    }

    private boolean exists(String sql, String key) {
        Integer n = jdbc.queryForObject(sql, Integer.class, key);
        return n != null && n > 0;
    }
}
