package org.tongban.catalog;

/**
 * Themes people browse by: life events for natural persons (人生事件) and the business lifecycle for legal persons
 * (企业全生命周期). Labels in {@code catalog.theme.NAME}.
 */
public enum Theme {
    BIRTH(ServiceTarget.NATURAL_PERSON), SCHOOLING(ServiceTarget.NATURAL_PERSON),
    EMPLOYMENT(ServiceTarget.NATURAL_PERSON), MARRIAGE(ServiceTarget.NATURAL_PERSON),
    HOUSING(ServiceTarget.NATURAL_PERSON), MEDICAL_CARE(ServiceTarget.NATURAL_PERSON),
    SOCIAL_SECURITY(ServiceTarget.NATURAL_PERSON), HOUSEHOLD(ServiceTarget.NATURAL_PERSON),
    TRAVEL(ServiceTarget.NATURAL_PERSON), RETIREMENT(ServiceTarget.NATURAL_PERSON),
    DEATH(ServiceTarget.NATURAL_PERSON), SOCIAL_ASSISTANCE(ServiceTarget.NATURAL_PERSON),
    OPENING(ServiceTarget.LEGAL_PERSON), OPERATING(ServiceTarget.LEGAL_PERSON), CHANGING(ServiceTarget.LEGAL_PERSON),
    CONSTRUCTION(ServiceTarget.LEGAL_PERSON), TAXATION(ServiceTarget.LEGAL_PERSON), CLOSING(ServiceTarget.LEGAL_PERSON);

    private final ServiceTarget audience;

    Theme(ServiceTarget audience) {
        this.audience = audience;
    }

    public ServiceTarget audience() {
        return audience;
    }
}
