package org.tongban.catalog;

import org.tongban.shared.InvalidValueException;

/** The eleven item types of the catalogue with their codes (DOMAIN §3); labels in {@code catalog.type.NAME}. */
public enum ItemType {
    /** 行政许可 */
    LICENSING("01"),
    /** 行政处罚 */
    PENALTY("02"),
    /** 行政强制 */
    COERCION("03"),
    /** 行政征收 */
    LEVY("04"),
    /** 行政给付 */
    BENEFIT("05"),
    /** 行政检查 */
    INSPECTION("06"),
    /** 行政确认 */
    CONFIRMATION("07"),
    /** 行政奖励 */
    REWARD("08"),
    /** 行政裁决 */
    ADJUDICATION("09"),
    /** 其他行政权力 */
    OTHER_POWER("20"),
    /** 公共服务 */
    PUBLIC_SERVICE("21");

    private final String code;

    ItemType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** @throws InvalidValueException {@code catalog.item-type.unknown} */
    public static ItemType ofCode(String code) {
        for (ItemType type : values()) {
            if (type.code.equals(code)) {
                return type;
            }
        }
        throw new InvalidValueException("catalog.item-type.unknown", code, code);
    }
}
