package org.tongban.cases;

/** The procedures whose time is not counted in the limits (行政许可法 Art. 45). */
public enum SpecialProcedureKind {
    /** 听证 */
    HEARING,
    /** 招标 */
    TENDERING,
    /** 拍卖 */
    AUCTION,
    /** 检验 */
    INSPECTION,
    /** 检测 */
    TESTING,
    /** 检疫 */
    QUARANTINE,
    /** 鉴定 */
    APPRAISAL,
    /** 专家评审 */
    EXPERT_REVIEW
}
