package org.tongban.organization;

import java.util.UUID;

import org.tongban.shared.DivisionLevel;

/**
 * A government body (实施主体) with the division it belongs to.
 *
 * @param creditCode its unified social credit code (GB 32100)
 * @param level the administrative level at which it exercises its powers (行使层级)
 */
public record BodySummary(UUID id, String creditCode, String name, BodyCategory category, DivisionLevel level,
        String divisionCode, String divisionName, String phone, boolean sample) {
}
