package org.tongban.exchange;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the exchange served about one subject from one resource, with its provenance.
 *
 * @param records the rows of the resource about the subject (one for population and legal-person resources, zero or
 *        more for credit lists), each holding only the granted data items, in catalogue order
 * @param items the data items served
 * @param withheld data items that were asked for but are not covered by the grant (logged as a partial denial)
 * @param provider the providing body (数源部门)
 * @param accessId the access-log entry of this exchange
 */
public record SharedRecord(String resourceCode, String resourceName, String provider, DataSubject subject,
        List<String> items, List<String> withheld, List<Map<String, Object>> records, Instant fetchedAt,
        long accessId) {
}
