package org.tongban.catalog;

import java.util.UUID;

import org.tongban.shared.DivisionLevel;

/** A published implementation item as lists show it. */
public record ItemSummary(String code, int version, String basicCode, String name, ItemType type, ServiceTarget target,
        UUID bodyId, String bodyName, String divisionCode, String divisionName, DivisionLevel level,
        Guide.OnlineDepth onlineDepth, int visits, Guide.TimeLimit promisedLimit, Guide.Handling handling) {
}
