package org.tongban.certificates.bench;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tongban.TongbanApplication;
import org.tongban.certificates.CertificateVerification;
import org.tongban.certificates.CertificateView;
import org.tongban.certificates.Certificates;
import org.tongban.certificates.Certificates.LegacyCertificate;
import org.tongban.exchange.ExchangeProperties;
import org.tongban.exchange.internal.BaseDataGenerator;
import org.tongban.exchange.internal.BaseDataGenerator.County;
import org.tongban.exchange.internal.BaseDataGenerator.Person;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;
import org.tongban.organization.BodyCategory;
import org.tongban.organization.BodySummary;
import org.tongban.organization.Organization;
import org.tongban.shared.DivisionCode;

/**
 * Certificates of the province's residents for {@code bench/province-people.sh} (issue 10): of every
 * {@code bench.share} residents (20), one gets a social security certificate (社会保障卡电子凭证), one a household
 * registration certificate (户口登记证明), and one — when married — a marriage certificate (结婚证), each issued by the
 * body of its kind in the resident's county (人社局, 公安局, 民政局) through the platform's bulk path for existing
 * certificates ({@link Certificates#importLegacy}: 1,000 a transaction, each signed with SM2/SM3).
 *
 * <p>The residents' ID numbers are stored encrypted, so they are not read back: the residents are generated again by
 * the exchange's {@link BaseDataGenerator} with the seed and counties the platform loaded them with (resident
 * {@code i} depends only on those), and a sample is first checked against the stored base data. A marriage's spouse
 * is a married resident of the other sex and a close age outside the sample, so that no one is married twice.
 *
 * <p>Run with the platform's own arguments from the directory whose {@code ./data} holds the province's database,
 * while no other instance runs on it. A second run finds the certificates there and adds nothing.
 */
public final class ProvincePeopleCertificates {

    static final String SOCIAL_SECURITY = "11100000MB0T00040Y001";
    static final String HOUSEHOLD = "11100000MB0T00030X001";
    static final String MARRIAGE = "11100000MB0T00020W001";
    private static final int BATCH = 1000;

    private ProvincePeopleCertificates() {
    }

    public static void main(String[] args) throws Exception {
        long people = Long.getLong("bench.people", 0);
        int share = Integer.getInteger("bench.share", 20);
        int threads = Integer.getInteger("bench.threads", 2);
        if (people <= 0 || share < 4) {
            throw new IllegalArgumentException("-Dbench.people=N (the residents the platform generated) and "
                    + "-Dbench.share ≥ 4 are needed");
        }
        long started = System.nanoTime();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TongbanApplication.class).run(args)) {
            log("started in %.1f s", (System.nanoTime() - started) / 1e9);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            Long present = jdbc.queryForObject("select count(*) from certificates_certificate where source = 'LEGACY' "
                    + "and type_code in (?, ?, ?)", Long.class, SOCIAL_SECURITY, HOUSEHOLD, MARRIAGE);
            if (present != null && present > 0) {
                System.out.printf(Locale.ROOT, "RESULT already=%d social_security=%d household=%d marriage=%d%n",
                        present, legacy(jdbc, SOCIAL_SECURITY), legacy(jdbc, HOUSEHOLD), legacy(jdbc, MARRIAGE));
                return;
            }
            Organization organization = app.getBean(Organization.class);
            List<County> counties = BaseDataGenerator.counties(organization);
            BaseDataGenerator generator = new BaseDataGenerator(app.getBean(ExchangeProperties.class).seed(),
                    counties);
            sameResidents(jdbc, generator, people);
            new ProvincePeopleCertificates.Run(app, organization, counties, share, threads).issue(generator, people);
        }
    }

    private static long legacy(JdbcTemplate jdbc, String type) {
        return jdbc.queryForObject("select count(*) from certificates_certificate where source = 'LEGACY' "
                + "and type_code = ?", Long.class, type);
    }

    /** The generator must give the residents the platform stored: a sample of them, by name, birth and masked ID. */
    static void sameResidents(JdbcTemplate jdbc, BaseDataGenerator generator, long people) {
        for (int k = 0; k < 50; k++) {
            Person p = generator.person(k * (people / 50));
            Long found = jdbc.queryForObject("select count(*) from exchange_person where name = ? and birth_date = ? "
                    + "and id_number_masked = ?", Long.class, p.name(), p.birthDate(), p.idNumber().masked());
            if (found == null || found != 1) {
                throw new IllegalStateException("resident " + k * (people / 50) + " (" + p.idNumber().masked()
                        + ") is not in the base data: another seed or size? (-Dbench.people)");
            }
        }
    }

    private static final class Run {
        private final Certificates certificates;
        private final CertificateVerification verification;
        private final Map<String, String> countyNames = new HashMap<>();
        private final Map<String, SignedIn> officers = new HashMap<>();
        private final Map<String, List<LegacyCertificate>> pending = new HashMap<>();
        private final Map<String, AtomicLong> issued = new HashMap<>();
        private final int share;
        private final ExecutorService pool;
        private final Semaphore inFlight;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicReference<CertificateView> sample = new AtomicReference<>();
        private final LocalDate today = LocalDate.now(Certificates.ZONE);
        private long noSpouse;

        Run(ConfigurableApplicationContext app, Organization organization, List<County> counties, int share,
                int threads) {
            this.certificates = app.getBean(Certificates.class);
            this.verification = app.getBean(CertificateVerification.class);
            this.share = share;
            this.pool = Executors.newFixedThreadPool(threads);
            this.inFlight = new Semaphore(threads * 2);
            for (String type : List.of(SOCIAL_SECURITY, HOUSEHOLD, MARRIAGE)) {
                issued.put(type, new AtomicLong());
            }
            for (County county : counties) {
                countyNames.put(county.code(), county.fullName());
                List<BodySummary> bodies = organization.bodiesIn(DivisionCode.of(county.code()));
                for (BodyCategory category : List.of(BodyCategory.HUMAN_RESOURCES_SOCIAL_SECURITY,
                        BodyCategory.PUBLIC_SECURITY, BodyCategory.CIVIL_AFFAIRS)) {
                    BodySummary body = bodies.stream().filter(b -> b.category() == category).findFirst()
                            .orElseThrow(() -> new IllegalStateException(county.fullName() + " has no " + category));
                    // The bulk path's officer: an approver of that body (no account: the bench imports in its name).
                    officers.put(county.code() + "/" + category, new SignedIn(null, "存量证照导入（基准数据）", true, 4,
                            Set.of(StaffRole.APPROVER), body.id(), county.code(), null));
                }
            }
        }

        void issue(BaseDataGenerator generator, long people) throws Exception {
            long started = System.nanoTime();
            for (long i = 0; i < people && failure.get() == null; i++) {
                int slot = (int) (i % share);
                if (slot > 2) {
                    continue;
                }
                Person p = generator.person(i);
                switch (slot) {
                    case 0 -> add(p, SOCIAL_SECURITY, BodyCategory.HUMAN_RESOURCES_SOCIAL_SECURITY,
                            socialSecurity(p, i), socialSecuritySince(p, i));
                    case 1 -> add(p, HOUSEHOLD, BodyCategory.PUBLIC_SECURITY, household(p, i),
                            later(p.birthDate(), LocalDate.of(1995, 7, 1)).plusDays(i / share % 365));
                    default -> marriage(generator, people, p, i);
                }
                if (i % 500_000 == 0 && i > 0) {
                    log("%,d of %,d residents, %,d certificates, %.0f/s", i, people, total(),
                            total() / ((System.nanoTime() - started) / 1e9));
                }
            }
            for (Map.Entry<String, List<LegacyCertificate>> batch : pending.entrySet()) {
                if (!batch.getValue().isEmpty()) {
                    submit(batch.getKey(), batch.getValue());
                }
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.HOURS);
            if (failure.get() != null) {
                throw new IllegalStateException("import failed", failure.get());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            CertificateView one = sample.get();
            String status = one == null ? "none"
                    : verification.byIdentifier(one.identifier(), one.verificationCode()).status().name();
            System.out.printf(Locale.ROOT, "RESULT issued=%d social_security=%d household=%d marriage=%d "
                    + "no_spouse=%d seconds=%.1f sample_status=%s%n", total(), issued.get(SOCIAL_SECURITY).get(),
                    issued.get(HOUSEHOLD).get(), issued.get(MARRIAGE).get(), noSpouse, seconds, status);
        }

        private long total() {
            return issued.values().stream().mapToLong(AtomicLong::get).sum();
        }

        private void add(Person p, String type, BodyCategory issuer, Map<String, String> data, LocalDate from)
                throws InterruptedException {
            String key = p.division() + "/" + issuer;
            List<LegacyCertificate> rows = pending.computeIfAbsent(key, k -> new ArrayList<>(BATCH));
            rows.add(new LegacyCertificate(type, p.name(), p.idNumber().value(), data, from));
            if (rows.size() == BATCH) {
                submit(key, rows);
                pending.put(key, new ArrayList<>(BATCH));
            }
        }

        private void submit(String key, List<LegacyCertificate> rows) throws InterruptedException {
            SignedIn officer = officers.get(key);
            inFlight.acquire();
            pool.execute(() -> {
                try {
                    List<CertificateView> done = certificates.importLegacy(officer, rows);
                    issued.get(rows.getFirst().typeCode()).addAndGet(done.size());
                    sample.compareAndSet(null, done.getFirst());
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    inFlight.release();
                }
            });
        }

        /** Card number: the county, D, a serial; issued from age 16 (or 2014, when the electronic card began). */
        private Map<String, String> socialSecurity(Person p, long i) {
            return Map.of("SBKH", p.division() + "D" + "%09d".formatted(i / share), "CBD",
                    countyNames.get(p.division()));
        }

        private LocalDate socialSecuritySince(Person p, long i) {
            LocalDate from = later(p.birthDate().plusYears(16), LocalDate.of(2014, 1, 1));
            long span = ChronoUnit.DAYS.between(from, today);
            return span <= 0 ? today : from.plusDays(i / share % span); // valid 10 years: the early ones lapsed
        }

        private Map<String, String> household(Person p, long i) {
            int age = p.birthDate().until(today).getYears();
            String relation = age < 22 ? "子女" : "MARRIED".equals(p.maritalStatus()) && i / share % 2 == 1 ? "配偶"
                    : "户主";
            return Map.of("HJDZ", p.address(), "HZGX", relation);
        }

        /** A married resident gets a certificate naming a spouse of the other sex, within 10 years of age. */
        private void marriage(BaseDataGenerator generator, long people, Person p, long i) throws InterruptedException {
            if (!"MARRIED".equals(p.maritalStatus())) {
                return;
            }
            for (long j = i + 3; j < Math.min(people, i + 400); j++) {
                if (j % share == 2) {
                    continue; // in the sample: would get a certificate of their own
                }
                Person spouse = generator.person(j);
                if (spouse.male() != p.male() && "MARRIED".equals(spouse.maritalStatus())
                        && Math.abs(ChronoUnit.YEARS.between(spouse.birthDate(), p.birthDate())) <= 10) {
                    LocalDate younger = later(p.birthDate(), spouse.birthDate());
                    LocalDate registered = younger.plusYears(22).plusDays(i / share % 2_500);
                    if (registered.isAfter(today.minusDays(1))) {
                        registered = today.minusDays(1 + i / share % 300);
                    }
                    add(p, MARRIAGE, BodyCategory.CIVIL_AFFAIRS, Map.of("DJRQ", registered.toString(), "POXM",
                            spouse.name(), "POZJHM", spouse.idNumber().value()), registered);
                    return;
                }
            }
            noSpouse++;
        }
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[people-certificates] " + format + "%n", args);
    }
}
