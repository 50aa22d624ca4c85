package org.tongban.organization;

import java.util.List;
import java.util.UUID;

/** A service hall (政务服务大厅 or 便民服务中心) with its windows. */
public record HallSummary(UUID id, String name, UUID bodyId, String bodyName, String divisionCode, String address,
        String openingHours, String phone, List<Window> windows, boolean sample) {

    /** A window (窗口) of a hall; {@code id} names it for devices bound to it (e.g. a rating kiosk). */
    public record Window(UUID id, String number, String name, WindowKind kind) {
    }

    /** The window with this id, if the hall has it. */
    public java.util.Optional<Window> window(UUID windowId) {
        return windows.stream().filter(w -> w.id().equals(windowId)).findFirst();
    }

    /** What a window is for; the message key {@code organization.window.NAME} gives its label. */
    public enum WindowKind {
        /** 综合受理 */
        ACCEPTANCE,
        /** 出件 */
        DELIVERY,
        /** 咨询导办 */
        CONSULTATION,
        /** 帮办代办 */
        ASSISTANCE
    }
}
