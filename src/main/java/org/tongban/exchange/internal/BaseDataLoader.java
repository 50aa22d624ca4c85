package org.tongban.exchange.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.tongban.exchange.internal.BaseDataGenerator.Company;
import org.tongban.exchange.internal.BaseDataGenerator.Person;
import org.tongban.identity.PersonalData;

/**
 * Writes generated base data with PostgreSQL's {@code COPY} on the caller's connection (and so in its transaction):
 * residents with encrypted ID numbers and their look-up hashes, companies, dishonest-list entries and penalties.
 */
public final class BaseDataLoader {

    /** What was written. */
    public record Loaded(long people, long companies, long dishonest, long penalties) {
        public long rows() {
            return people + companies + dishonest + penalties;
        }
    }

    private static final String[] LISTED_BY = { "辽宁省高级人民法院", "沈阳市中级人民法院", "大连市中级人民法院", "辽宁省市场监督管理局",
            "辽宁省税务局" };
    private static final String[] DISHONEST_REASONS = { "有履行能力而拒不履行生效法律文书确定的义务", "以虚假诉讼规避执行",
            "重大税收违法失信", "违反财产报告制度" };
    private static final String[] VIOLATIONS = { "未按规定公示年度报告", "销售不符合食品安全标准的食品", "未取得许可从事经营活动",
            "发布虚假广告", "未按规定办理纳税申报", "违反消防安全规定" };
    private static final String[] PENALTIES = { "警告", "罚款人民币5000元", "罚款人民币2万元并没收违法所得", "责令停产停业整顿",
            "罚款人民币1000元" };
    private static final String[] AUTHORITIES = { "沈阳市市场监督管理局", "大连市市场监督管理局", "鞍山市市场监督管理局",
            "国家税务总局沈阳市税务局", "沈阳市消防救援支队" };

    private final BaseDataGenerator generator;
    private final PersonalData protection;
    private final LocalDate asOf;

    public BaseDataLoader(BaseDataGenerator generator, PersonalData protection, LocalDate asOf) {
        this.generator = generator;
        this.protection = protection;
        this.asOf = asOf;
    }

    /** Residents {@code 0..people-1} and companies {@code 0..companies-1}, with their credit records. */
    public Loaded load(Connection connection, long people, long companies) throws SQLException {
        long dishonest = 0;
        long penalties = 0;
        try (Writer out = copy(connection, "exchange_person (id_number_hash, id_number_cipher, id_number_masked, name, "
                + "sex, birth_date, ethnicity, household_division, address, marital_status, updated_on)")) {
            for (long i = 0; i < people; i++) {
                Person p = generator.person(i);
                BaseDataGenerator.row(out, protection.residentIdHash(p.idNumber()),
                        protection.encrypt(p.idNumber().value()), p.idNumber().masked(), p.name(), p.male() ? "M" : "F",
                        p.birthDate(), p.ethnicity(), p.division(), p.address(), p.maritalStatus(), asOf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Writer out = copy(connection, "exchange_legal_person (credit_code, name, kind, legal_rep_name, "
                + "legal_rep_id_hash, registered_capital, established_on, division, address, status, updated_on)")) {
            for (long k = 0; k < companies; k++) {
                Company c = generator.company(k, people);
                BaseDataGenerator.row(out, c.creditCode().value(), c.name(), c.kind(), c.representative().name(),
                        protection.residentIdHash(c.representative().idNumber()), c.registeredCapital(),
                        c.establishedOn(), c.division(), c.address(), c.status(), asOf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Writer out = copy(connection, "exchange_dishonest_entry (subject_type, subject_key, listed_by, reason, "
                + "listed_on, removed_on)")) {
            for (long i = 0; i < people; i++) {
                if (generator.dishonest(0, i)) {
                    Person p = generator.person(i);
                    dishonestRow(out, "PERSON", protection.residentIdHash(p.idNumber()), i);
                    dishonest++;
                }
            }
            for (long k = 0; k < companies; k++) {
                if (generator.dishonest(1, k)) {
                    dishonestRow(out, "COMPANY", generator.company(k, people).creditCode().value(), k);
                    dishonest++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Writer out = copy(connection, "exchange_penalty (subject_type, subject_key, decision_number, authority, "
                + "violation, penalty, decided_on)")) {
            for (long i = 0; i < people; i++) {
                int n = generator.penalties(0, i);
                if (n > 0) {
                    String key = protection.residentIdHash(generator.person(i).idNumber());
                    for (int j = 0; j < n; j++) {
                        penaltyRow(out, "PERSON", key, i, j);
                        penalties++;
                    }
                }
            }
            for (long k = 0; k < companies; k++) {
                int n = generator.penalties(1, k);
                if (n > 0) {
                    String key = generator.company(k, people).creditCode().value();
                    for (int j = 0; j < n; j++) {
                        penaltyRow(out, "COMPANY", key, k, j);
                        penalties++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Loaded(people, companies, dishonest, penalties);
    }

    private void dishonestRow(Writer out, String type, String key, long i) throws IOException {
        int v = (int) Math.floorMod(i * 31 + type.length(), 997L);
        LocalDate listed = asOf.minusDays(30 + v * 3L);
        BaseDataGenerator.row(out, type, key, LISTED_BY[v % LISTED_BY.length],
                DISHONEST_REASONS[v % DISHONEST_REASONS.length], listed, v % 5 == 0 ? listed.plusDays(365) : null);
    }

    private void penaltyRow(Writer out, String type, String key, long i, int j) throws IOException {
        int v = (int) Math.floorMod(i * 17 + j * 7 + type.length(), 991L);
        LocalDate decided = asOf.minusDays(10 + v * 2L + j * 200L);
        BaseDataGenerator.row(out, type, key, "辽" + (type.equals("PERSON") ? "个" : "企") + "罚决字〔" + decided.getYear()
                + "〕" + (1000 + Math.floorMod(i, 9000)) + "-" + j + "号", AUTHORITIES[v % AUTHORITIES.length],
                VIOLATIONS[v % VIOLATIONS.length], PENALTIES[v % PENALTIES.length], decided);
    }

    private static Writer copy(Connection connection, String table) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        return new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(pg,
                "copy " + table + " from stdin with (format text)", 1 << 16), StandardCharsets.UTF_8), 1 << 16);
    }
}
