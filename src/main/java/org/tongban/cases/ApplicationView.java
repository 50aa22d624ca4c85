package org.tongban.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.tongban.catalog.Guide;

/**
 * An application as its applicant and the officers of its body see it.
 *
 * @param receivedOn the day the (complete) materials were received: the acceptance clock starts here
 * @param decisionDue the last day for the acceptance decision (5 working days, 行政许可法 Art. 32)
 * @param acceptedByLaw accepted by operation of law because no decision came in time
 * @param version for optimistic locking: a decision names the version it was made on
 * @param correction the latest correction request (一次告知), or {@code null}
 */
public record ApplicationView(UUID id, ApplicationStatus status, String itemCode, int itemVersion, String itemName,
        UUID bodyId, String bodyName, UUID applicantAccount, String applicantName, String applicantIdType,
        String applicantIdMasked, String companyName, String companyCreditCode, Map<String, String> values,
        String caseNumber, Channel channel, Instant createdAt, Instant updatedAt, Instant receivedAt,
        LocalDate receivedOn, LocalDate decisionDue, LocalDate acceptedOn, boolean acceptedByLaw,
        String decisionReason, String legalRemedy, long version, FormDefinition form, List<MaterialSlot> slots,
        List<Step> timeline, Correction correction) {

    /**
     * One material requirement of the guide and the file uploaded for it.
     *
     * @param needed must be uploaded before submission (required and not obtained by sharing, DOMAIN §1)
     * @param deferrable 容缺后补: may follow after acceptance
     */
    public record MaterialSlot(int index, Guide.Material requirement, MaterialFile file, boolean needed,
            boolean deferrable, List<MaterialFile> files) {

        /** Several images in the applicant's order (pages); {@link #file} is the first. */
        public boolean paged() {
            return files.size() > 1;
        }

        /** Whether another image may be added as a page (the slot holds images only). */
        public boolean images() {
            return !files.isEmpty() && files.stream().allMatch(f -> f.contentType().startsWith("image/"));
        }

        /** A 容缺后补 material still outstanding. */
        public boolean outstanding() {
            return deferrable && file == null;
        }
    }

    public record MaterialFile(UUID id, String fileName, String contentType, long size, String sha256,
            Instant uploadedAt) {
    }

    /**
     * One entry of the timeline; {@code nodeName} and {@code bodyName} name where a handling step happened.
     */
    public record Step(Instant at, String kind, String actorName, String note, String nodeName, String bodyName) {

        /** Notes the applicant is told (special procedures, extensions, decisions); officers' opinions are not. */
        public boolean noteForApplicant() {
            return note != null && (kind.startsWith("SPECIAL_") || kind.startsWith("EXTENSION_")
                    || kind.startsWith("DECIDED_") || kind.equals("NOT_ACCEPTED"));
        }
    }

    /** A correction request: every deficiency in one notice. */
    public record Correction(UUID id, Instant requestedAt, List<Deficiency> items, Instant resolvedAt) {
    }

    /**
     * One deficiency named in a correction request.
     *
     * @param kind {@code MATERIAL} or {@code FIELD}
     * @param target the material slot index or the field key
     */
    public record Deficiency(String kind, String target, String name, String reason) {
    }

    public String value(String key) {
        return values.getOrDefault(key, "");
    }

    public List<MaterialSlot> outstandingMaterials() {
        return slots.stream().filter(MaterialSlot::outstanding).toList();
    }
}
