package org.tongban.exchange;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param answerDays working days within which a provider answers a conditional sharing request (DOMAIN §9: 10,
 *        local practice)
 * @param maxGrantDays the longest a grant may run from the day it is requested
 * @param demoPeople how many generated residents the demo population holds (besides the named demo people)
 * @param demoCompanies how many generated companies the demo legal-person register holds
 * @param seed seed of the deterministic base-data generator
 */
@ConfigurationProperties("tongban.exchange")
public record ExchangeProperties(@DefaultValue("10") int answerDays,
        @DefaultValue("1095") int maxGrantDays,
        @DefaultValue("2000") int demoPeople,
        @DefaultValue("300") int demoCompanies,
        @DefaultValue("20261124") long seed) {
}
