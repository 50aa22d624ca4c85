package org.tongban.organization;

/**
 * What a government body (实施主体) is responsible for. The message key {@code organization.category.NAME} gives
 * its localized label.
 */
public enum BodyCategory {
    /** 政务服务中心 / 营商环境建设 — runs the service halls. */
    GOVERNMENT_SERVICE,
    /** 市场监督管理 */
    MARKET_REGULATION,
    /** 公安 */
    PUBLIC_SECURITY,
    /** 人力资源和社会保障 */
    HUMAN_RESOURCES_SOCIAL_SECURITY,
    /** 住房和城乡建设 */
    HOUSING_URBAN_RURAL,
    /** 自然资源 */
    NATURAL_RESOURCES,
    /** 卫生健康 */
    HEALTH,
    /** 民政 */
    CIVIL_AFFAIRS,
    /** 税务 */
    TAXATION,
    /** 乡镇（街道）便民服务中心、村（社区）便民服务站 */
    COMMUNITY_SERVICE
}
