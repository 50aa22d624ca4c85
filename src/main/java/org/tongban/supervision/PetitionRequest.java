package org.tongban.supervision;

import java.util.UUID;

/**
 * What a person submits: the kind, what it is about (an item by its implementation code, a case by its number, or a
 * body) and the text; anonymous submitters add their phone and the SMS code sent to it.
 */
public record PetitionRequest(String kind, String subject, String itemCode, String caseNumber, UUID bodyId,
        String text, String phone, String code) {
}
