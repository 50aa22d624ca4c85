package org.tongban.organization;

import java.util.List;
import java.util.UUID;

/** A service hall (政务服务大厅 or 便民服务中心) with its windows. */
public record HallSummary(UUID id, String name, UUID bodyId, String bodyName, String divisionCode, String address,
        String openingHours, String phone, List<Window> windows, boolean sample) {

    /** A window (窗口) of a hall. */
    public record Window(String number, String name, WindowKind kind) {
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
