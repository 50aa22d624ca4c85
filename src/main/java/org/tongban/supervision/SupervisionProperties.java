package org.tongban.supervision;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Working days within which supervisors answer a complaint (local practice; the province sets its own). */
@ConfigurationProperties("tongban.supervision")
public record SupervisionProperties(@DefaultValue("5") int complaintDays) {

    public SupervisionProperties {
        if (complaintDays < 1) {
            throw new IllegalArgumentException("tongban.supervision.complaint-days must be at least 1");
        }
    }
}
