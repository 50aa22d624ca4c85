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
 * @param providerTimeout how long one call to a department system's endpoint may take (connect and answer)
 * @param providerAttempts calls per look-up before the provider counts as unavailable (1 = no retry)
 * @param providerBackoff the wait before the first retry, doubled before each further one
 * @param providerOpenFor how long a provider's circuit stays open (calls refused at once) after at least half of its
 *        last ten calls failed
 */
@ConfigurationProperties("tongban.exchange")
public record ExchangeProperties(@DefaultValue("10") int answerDays,
        @DefaultValue("1095") int maxGrantDays,
        @DefaultValue("2000") int demoPeople,
        @DefaultValue("300") int demoCompanies,
        @DefaultValue("20261124") long seed,
        @DefaultValue("2s") java.time.Duration providerTimeout,
        @DefaultValue("3") int providerAttempts,
        @DefaultValue("200ms") java.time.Duration providerBackoff,
        @DefaultValue("30s") java.time.Duration providerOpenFor) {
}
