package org.tongban.cases;

/** Where an application was filed (DOMAIN §5: online / hall / mobile / terminal / agent point). */
public enum Channel {
    WEB, MOBILE_APP, HALL_WINDOW, SELF_SERVICE_TERMINAL, AGENT_POINT;

    /** Channels an applicant may file through on their own; the hall and agent points file on their behalf. */
    public boolean selfService() {
        return this == WEB || this == MOBILE_APP || this == SELF_SERVICE_TERMINAL;
    }
}
