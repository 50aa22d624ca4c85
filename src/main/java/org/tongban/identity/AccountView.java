package org.tongban.identity;

import java.time.Instant;
import java.util.UUID;

/** An account as its owner and staff see it: identifiers masked only. */
public record AccountView(UUID id, String name, boolean staff, IdDocumentType idType, String idNumberMasked,
        String phoneMasked, String email, int assuranceLevel, Instant createdAt) {
}
