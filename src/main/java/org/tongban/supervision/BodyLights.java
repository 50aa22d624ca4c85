package org.tongban.supervision;

import java.util.UUID;

/** Open (unhandled) warnings of one body: its yellow and red lights and bad ratings. */
public record BodyLights(UUID bodyId, String bodyName, String divisionCode, int yellow, int red, int badRatings) {
}
