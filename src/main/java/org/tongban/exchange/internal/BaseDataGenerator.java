package org.tongban.exchange.internal;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.tongban.organization.DivisionSummary;
import org.tongban.organization.Organization;
import org.tongban.shared.CitizenIdNumber;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.DivisionLevel;
import org.tongban.shared.UnifiedSocialCreditCode;

/**
 * Deterministic generator of realistic base data: residents of the given counties with valid GB 11643 ID numbers,
 * companies with valid GB 32100 credit codes whose legal representatives are generated residents, and a small share
 * of them on the dishonest list or with administrative penalties. Record {@code i} depends only on the seed, the
 * counties and {@code i}, so any slice can be generated on its own, in any order, and twice gives the same data.
 *
 * <p>ID numbers are unique by construction: index {@code i} is mapped by a bijection onto (county, birth date,
 * sequence pair); sequences stay below 800 so that they never meet the demo's hand-made numbers (sequence 9xx).
 */
public final class BaseDataGenerator {

    /** A county (区县) people are registered in: GB/T 2260 code and full name. */
    public record County(String code, String fullName) {
    }

    public record Person(CitizenIdNumber idNumber, String name, boolean male, LocalDate birthDate, String ethnicity,
            String division, String address, String maritalStatus) {
    }

    public record Company(UnifiedSocialCreditCode creditCode, String name, String kind, Person representative,
            BigDecimal registeredCapital, LocalDate establishedOn, String division, String address, String status) {
    }

    private static final LocalDate FIRST_BIRTH = LocalDate.of(1940, 1, 1);
    private static final int BIRTH_DAYS = (int) (LocalDate.of(2007, 12, 31).toEpochDay() - FIRST_BIRTH.toEpochDay() + 1);
    private static final int SEQUENCE_PAIRS = 400;
    private static final long MULTIPLIER = 1_000_003L; // prime: coprime with every capacity below, so i -> p is a bijection

    private static final String[] SURNAMES = ("王王王王李李李李张张张张刘刘刘陈陈陈杨杨赵赵黄黄周周吴吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐"
            + "冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段").split("");
    private static final String[] MALE = "伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳建国志文博东海成峰".split("");
    private static final String[] FEMALE = "芳娜敏静丽艳娟霞秀玲桂英红梅琳雪燕颖婷倩洁璐晶欣怡悦萍慧琪瑶佳蕾丹妍薇楠月晓".split("");
    private static final String[] STREETS = { "中山路", "青年大街", "北京街", "南京街", "和平路", "建设路", "解放路", "人民路",
            "文化路", "长江街", "黄河大街", "太原街", "民主路", "新华路", "胜利街", "光明路", "振兴路", "滨河路", "工业街", "兴华街" };
    private static final String[] ETHNIC = { "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族",
            "汉族", "汉族", "汉族", "汉族", "汉族", "满族", "满族", "蒙古族", "回族", "朝鲜族", "锡伯族" };
    private static final String[] TRADE_NAMES = { "鑫达", "恒通", "华信", "盛源", "宏远", "金泰", "隆兴", "瑞丰", "嘉禾",
            "德润", "同创", "博远", "东升", "汇智", "天成", "辽海", "沈北", "盛京" };
    private static final String[] INDUSTRIES = { "科技", "商贸", "餐饮管理", "建筑工程", "物流", "农业发展", "机械制造", "文化传媒",
            "医药", "环保科技", "信息技术", "食品", "装饰工程", "汽车服务", "教育咨询" };
    private static final String CODE_SYMBOLS = "0123456789ABCDEFGHJKLMNPQRTUWXY"; // GB 32100 alphabet

    private final long seed;
    private final List<County> counties;

    public BaseDataGenerator(long seed, List<County> counties) {
        if (counties.isEmpty()) {
            throw new IllegalArgumentException("at least one county");
        }
        this.seed = seed;
        this.counties = List.copyOf(counties);
    }

    /**
     * The counties (区县) of the province, with full names, in the order the generator spreads people over: the
     * demo base data and the benchmark data that regenerates the same residents (bench/province-people.sh) use it.
     */
    public static List<County> counties(Organization organization) {
        List<County> counties = new ArrayList<>();
        for (DivisionSummary city : organization.children(organization.province())) {
            for (DivisionSummary county : organization.children(DivisionCode.of(city.code()))) {
                if (county.level() == DivisionLevel.COUNTY && county.code().length() == 6) {
                    counties.add(new County(county.code(), county.fullName()));
                }
            }
        }
        return counties;
    }

    /** How many distinct residents this generator can produce. */
    public long peopleCapacity() {
        return (long) counties.size() * BIRTH_DAYS * SEQUENCE_PAIRS;
    }

    private SplittableRandom random(long kind, long i) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + kind * 0xBF58476D1CE4E5B9L + i);
    }

    public Person person(long i) {
        long capacity = peopleCapacity();
        if (i < 0 || i >= capacity) {
            throw new IllegalArgumentException("person index beyond capacity " + capacity);
        }
        SplittableRandom random = random(1, i);
        long p = Math.floorMod(i * MULTIPLIER + seed, capacity);
        County county = counties.get((int) (p % counties.size()));
        long rest = p / counties.size();
        LocalDate birth = FIRST_BIRTH.plusDays(rest % BIRTH_DAYS);
        int pair = (int) (rest / BIRTH_DAYS);
        boolean male = random.nextBoolean();
        int sequence = 2 * pair + (male ? 1 : 2);
        CitizenIdNumber id = CitizenIdNumber.withCheckCharacter(county.code() + birth.toString().replace("-", "")
                + String.format("%03d", sequence));
        String[] given = male ? MALE : FEMALE;
        String name = SURNAMES[random.nextInt(SURNAMES.length)] + given[random.nextInt(given.length)]
                + (random.nextInt(10) < 7 ? given[random.nextInt(given.length)] : "");
        int age = 2026 - birth.getYear();
        int m = random.nextInt(100);
        String marital = age < 22 ? "SINGLE" : age < 30 ? (m < 55 ? "SINGLE" : m < 95 ? "MARRIED" : "DIVORCED")
                : age < 70 ? (m < 8 ? "SINGLE" : m < 86 ? "MARRIED" : m < 96 ? "DIVORCED" : "WIDOWED")
                : (m < 3 ? "SINGLE" : m < 65 ? "MARRIED" : m < 70 ? "DIVORCED" : "WIDOWED");
        String address = county.fullName() + STREETS[random.nextInt(STREETS.length)] + (1 + random.nextInt(300)) + "号"
                + (1 + random.nextInt(6)) + "单元" + (1 + random.nextInt(18)) + "0" + (1 + random.nextInt(4)) + "室";
        return new Person(id, name, male, birth, ETHNIC[random.nextInt(ETHNIC.length)], county.code(), address,
                marital);
    }

    /**
     * Company {@code k}; its legal representative is resident {@code (k * 7919) mod people} (an adult), so the
     * population must hold {@code people} generated residents.
     */
    public Company company(long k, long people) {
        SplittableRandom random = random(2, k);
        County county = counties.get(random.nextInt(counties.size()));
        Person representative = adult(Math.floorMod(k * 7919L, people), people);
        int kindRoll = random.nextInt(100);
        String authorityCategory = kindRoll < 80 ? "91" : kindRoll < 95 ? "92" : "93";
        String kind = switch (authorityCategory) {
            case "91" -> random.nextInt(10) == 0 ? "JOINT_STOCK" : "LIMITED";
            case "92" -> "INDIVIDUAL";
            default -> "COOPERATIVE";
        };
        // Organization code body: "MA1" + five symbols of k (28 million companies), never the demo's MA0TB...
        StringBuilder body = new StringBuilder("MA1");
        long n = k;
        char[] tail = new char[5];
        for (int i = 4; i >= 0; i--) {
            tail[i] = CODE_SYMBOLS.charAt((int) (n % CODE_SYMBOLS.length()));
            n /= CODE_SYMBOLS.length();
        }
        body.append(tail);
        UnifiedSocialCreditCode code = UnifiedSocialCreditCode.withCheckCharacter(authorityCategory + county.code()
                + UnifiedSocialCreditCode.organizationCodeWithCheck(body.toString()));
        String place = county.fullName().replaceFirst("^辽宁省", "");
        String trade = TRADE_NAMES[random.nextInt(TRADE_NAMES.length)];
        String industry = INDUSTRIES[random.nextInt(INDUSTRIES.length)];
        String name = switch (kind) {
            case "INDIVIDUAL" -> place + trade + industry.replace("管理", "") + "店";
            case "COOPERATIVE" -> place + trade + "农民专业合作社";
            case "JOINT_STOCK" -> place.replaceFirst("(市).*", "$1") + trade + industry + "股份有限公司";
            default -> place.replaceFirst("(市).*", "$1") + trade + industry + "有限公司";
        };
        BigDecimal capital = BigDecimal.valueOf(switch (kind) {
            case "INDIVIDUAL" -> 1 + random.nextInt(50);
            case "COOPERATIVE" -> 10 + random.nextInt(200);
            default -> 10 + random.nextInt(5000);
        }).setScale(2);
        LocalDate established = LocalDate.of(1995, 1, 1).plusDays(random.nextInt(11_300));
        int statusRoll = random.nextInt(100);
        String status = statusRoll < 92 ? "ACTIVE" : statusRoll < 97 ? "CANCELLED" : "REVOKED";
        String address = county.fullName() + STREETS[random.nextInt(STREETS.length)] + (1 + random.nextInt(500)) + "号";
        return new Company(code, name, kind, representative, capital, established, county.code(), address, status);
    }

    /** The first resident at or after {@code i} (cyclically) who is at least 18. */
    private Person adult(long i, long people) {
        for (long j = 0; j < people; j++) {
            Person person = person((i + j) % people);
            if (person.birthDate().isBefore(LocalDate.of(2008, 1, 1))) {
                return person;
            }
        }
        throw new IllegalStateException("no adult resident");
    }

    /** Whether subject {@code i} of the given kind is on the dishonest list (about 1% of companies, 0.3% of people). */
    public boolean dishonest(long kind, long i) {
        return random(3 + kind, i).nextInt(1000) < (kind == 0 ? 3 : 10);
    }

    /** How many administrative penalties subject {@code i} of the given kind has (mostly none). */
    public int penalties(long kind, long i) {
        int roll = random(5 + kind, i).nextInt(1000);
        return roll < (kind == 0 ? 5 : 25) ? 1 : roll < (kind == 0 ? 6 : 32) ? 2 : 0;
    }

    /** Appends one COPY text row (tab-separated, no escaping needed: generated values hold no tabs or newlines). */
    static void row(Writer out, Object... values) throws IOException {
        for (int v = 0; v < values.length; v++) {
            if (v > 0) {
                out.write('\t');
            }
            out.write(values[v] == null ? "\\N" : values[v].toString());
        }
        out.write('\n');
    }
}
