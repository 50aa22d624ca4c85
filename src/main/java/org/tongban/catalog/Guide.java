package org.tongban.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * The guide elements of an item (办事指南要素, DOMAIN §3). A basic item holds them as the province-wide standard; an
 * implementation item holds its own, which may only be as strict or stricter ("同一标准").
 *
 * @param conditions acceptance conditions (受理条件)
 * @param materials materials to submit (申请材料)
 * @param process the steps of handling (办理流程)
 * @param legalLimit the legal time limit (法定时限)
 * @param promisedLimit the promised time limit (承诺时限), never longer than the legal one
 * @param handling immediate (即办件) or promised (承诺件)
 * @param fees fees charged (收费), usually none
 * @param visits on-site visits needed (到办事现场次数), 0–2
 * @param onlineDepth online handling depth (网上办理深度) I–IV
 * @param mailIn whether materials and results can travel by post (邮寄)
 * @param reach where the item can be handled regardless of residence (通办范围)
 * @param jointBodies bodies that handle it jointly (联办机构)
 * @param result what the applicant receives (办理结果)
 * @param offlineReason why the item cannot be handled online, when it cannot
 * @param faq common questions (常见问题)
 * @param assuranceLevel the real-name assurance level an applicant needs (DOMAIN §8); a guide written before levels
 *        were declared reads as L2, the level of an ordinary real-name account
 */
public record Guide(List<String> conditions, List<Material> materials, List<ProcessStep> process, TimeLimit legalLimit,
        TimeLimit promisedLimit, Handling handling, List<Fee> fees, int visits, OnlineDepth onlineDepth,
        boolean mailIn, Reach reach, List<String> jointBodies, Result result, String offlineReason, List<Faq> faq,
        AssuranceLevel assuranceLevel) {

    public Guide {
        assuranceLevel = assuranceLevel == null ? AssuranceLevel.L2 : assuranceLevel;
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        materials = materials == null ? List.of() : List.copyOf(materials);
        process = process == null ? List.of() : List.copyOf(process);
        fees = fees == null ? List.of() : List.copyOf(fees);
        jointBodies = jointBodies == null ? List.of() : List.copyOf(jointBodies);
        faq = faq == null ? List.of() : List.copyOf(faq);
    }

    /** Material types (材料类型): 1 证件证书证明, 2 申请表格文书, 3 其他. */
    public enum MaterialType { CERTIFICATE, FORM, OTHER }

    /** Material forms (材料形式): 1 纸质, 2 电子, 3 纸质和电子. */
    public enum MaterialForm { PAPER, ELECTRONIC, BOTH }

    /** Necessity (必要性): 1 必要, 2 非必要, 3 容缺后补 (may be supplied after acceptance). */
    public enum Necessity { REQUIRED, OPTIONAL, DEFERRABLE }

    /**
     * Source channel (来源渠道): 10 申请人自备, 20 政府部门核发, 99 其他. Source 20 is what once-only (免提交, DOMAIN §1)
     * must eliminate: the platform fetches it instead of asking for it.
     */
    public enum MaterialSource { APPLICANT, GOVERNMENT, OTHER }

    public enum DayKind { WORKING, NATURAL }

    /** 即办件 (decided on the spot) or 承诺件 (decided within the promised limit). */
    public enum Handling { IMMEDIATE, PROMISED }

    /** 网上办理深度: I information online, II forms online, III submitted online, IV fully online (全程网办). */
    public enum OnlineDepth { I, II, III, IV }

    /** 通办范围: where the item can be handled regardless of where the applicant lives. */
    public enum Reach { NONE, COUNTY, CITY, PROVINCE, CROSS_PROVINCE }

    /** Result types (结果类型): 批文批复, 证件执照, 证明文件, 鉴定报告, 其他. */
    public enum ResultType { APPROVAL, LICENCE, CERTIFICATE_DOCUMENT, APPRAISAL, OTHER }

    /**
     * A material requirement. {@code sharedResource} is, for a material of source 政府部门核发, the code of the
     * resource in the data-sharing catalogue (DOMAIN §9) the platform fetches it from with the applicant's consent
     * instead of asking for it (免提交, DOMAIN §1) — e.g. the certificate library's business licences, or the
     * population data for an ID card; {@code null} when the material still has to be supplied.
     */
    public record Material(String name, MaterialType type, MaterialForm form, Necessity necessity, int paperCopies,
            MaterialSource source, String sourceBody, String blankForm, String sample, String fillingInstructions,
            String acceptanceStandard, String legalBasis, String sharedResource) {

        /** The pattern of a resource code of the data-sharing catalogue (class, then a 5-digit sequence). */
        public static final String RESOURCE_CODE = "[0-9]{6}-[0-9]{5}";

        /** Whether the platform obtains this material by sharing instead of asking the applicant for it. */
        public boolean shared() {
            return source == MaterialSource.GOVERNMENT && sharedResource != null && !sharedResource.isBlank();
        }
    }

    public record ProcessStep(String name, String description) {
    }

    /** A time limit: a number of working days (行政许可法 Art. 82) or natural days. */
    public record TimeLimit(int days, DayKind kind) {

        /** Whether this limit is longer than {@code other}, comparing working days as 7/5 natural days. */
        public boolean longerThan(TimeLimit other) {
            return naturalDays() > other.naturalDays();
        }

        private double naturalDays() {
            return kind == DayKind.WORKING ? days * 7.0 / 5.0 : days;
        }
    }

    public record Fee(String name, String standard, String basis, boolean reducible) {
    }

    public record Result(ResultType type, String name, String sample) {
    }

    public record Faq(String question, String answer) {
    }

    /** One rule of DOMAIN §3 a guide breaks on its own; {@code code} is the message key. */
    public record Inconsistency(String code, Object... arguments) {
    }

    /** The rules a guide must keep on its own (DOMAIN §3 consistency rules); empty when it keeps them all. */
    public List<Inconsistency> inconsistencies() {
        List<Inconsistency> problems = new ArrayList<>();
        if (visits < 0 || visits > 2) {
            problems.add(new Inconsistency("catalog.guide.visits-range", visits));
        }
        // Level IV (全程网办) means nothing has to be done on site.
        if (onlineDepth == OnlineDepth.IV && visits > 0) {
            problems.add(new Inconsistency("catalog.guide.depth-iv-visits", visits));
        }
        // "Zero visits" without full online handling is only honest if materials and results travel by post.
        if (visits == 0 && onlineDepth != OnlineDepth.IV && !mailIn) {
            problems.add(new Inconsistency("catalog.guide.zero-visits-no-mail"));
        }
        if (onlineDepth == OnlineDepth.I && (offlineReason == null || offlineReason.isBlank())) {
            problems.add(new Inconsistency("catalog.guide.offline-reason"));
        }
        if (legalLimit != null && promisedLimit != null && promisedLimit.longerThan(legalLimit)) {
            problems.add(new Inconsistency("catalog.guide.promise-exceeds-law", promisedLimit.days(), legalLimit.days()));
        }
        if (handling == Handling.IMMEDIATE && promisedLimit != null && promisedLimit.days() > 0) {
            problems.add(new Inconsistency("catalog.guide.immediate-with-limit", promisedLimit.days()));
        }
        if (materials.stream().anyMatch(m -> m.source() == MaterialSource.GOVERNMENT
                && (m.sourceBody() == null || m.sourceBody().isBlank()))) {
            problems.add(new Inconsistency("catalog.guide.government-source-body"));
        }
        // Only what a government body issues can be fetched from a shared resource, named by its catalogue code.
        if (materials.stream().anyMatch(m -> m.sharedResource() != null && (m.source() != MaterialSource.GOVERNMENT
                || !m.sharedResource().matches(Material.RESOURCE_CODE)))) {
            problems.add(new Inconsistency("catalog.guide.shared-resource"));
        }
        if (process.isEmpty()) {
            problems.add(new Inconsistency("catalog.guide.no-process"));
        }
        if (result == null || result.name() == null || result.name().isBlank()) {
            problems.add(new Inconsistency("catalog.guide.no-result"));
        }
        return problems;
    }
}
