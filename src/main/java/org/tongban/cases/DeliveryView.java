package org.tongban.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.tongban.cases.internal.DeliveryStore;

/**
 * The delivery of a case's result (送达) as the applicant or an officer sees it: the method chosen (or online while
 * the applicant has not chosen), what the item offers, and where delivery stands. For officers other than the one
 * posting the result, the mail recipient, mobile and street detail are masked ({@code masked}).
 *
 * @param chosen whether the applicant chose (otherwise {@code method} is the online default)
 * @param suggested the method the page offers first, from the item's guide
 * @param pickup the hall and window chosen for pickup
 * @param deliveryTaskId the open delivery step, while the result is ready to deliver
 * @param confirmation how it was delivered: OPENED, CONFIRMED, POSTED, COLLECTED
 * @param completedAt when the case was completed (办结)
 */
public record DeliveryView(UUID applicationId, String caseNumber, boolean chosen, DeliveryMethod method,
        List<DeliveryMethod> options, DeliveryMethod suggested, List<HallOption> halls, DeliveryStore.Pickup pickup,
        String recipient, String mobile, String divisionCode, String divisionName, String detail, boolean masked,
        Stage stage, boolean changeable, UUID deliveryTaskId, String confirmation, String carrier,
        String trackingNumber, LocalDate postedOn, String collectorName, boolean collectorAgent,
        String collectorIdMasked, Instant deliveredAt, String deliveredByName, Instant completedAt) {

    /** 待出结果 (before the delivery step), 待送达 (the delivery step is open), 已送达. */
    public enum Stage {
        WAITING, READY, DELIVERED
    }

    /** A hall of the item's body where the result can be collected, with its delivery window. */
    public record HallOption(UUID id, String name, String address, String openingHours, String windowNumber,
            String windowName) {
    }

    /** The carriers an officer may record a posting with. */
    public List<Carrier> carriers() {
        return List.of(Carrier.values());
    }
}
