package org.tongban.organization;

import org.tongban.shared.DivisionLevel;

/**
 * An administrative division as other modules and the API see it.
 *
 * @param code canonical GB/T 2260 code (6 digits down to county, 12 below)
 * @param fullName the names of all ancestors and itself, e.g. 辽宁省沈阳市浑南区
 * @param childCount how many divisions sit directly below it
 * @param sample whether it is a clearly labelled sample (demo villages), not a real division
 */
public record DivisionSummary(String code, String name, DivisionLevel level, String parentCode, String fullName,
        long childCount, boolean sample) {
}
