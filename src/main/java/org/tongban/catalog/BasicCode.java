package org.tongban.catalog;

import java.util.Locale;

import org.tongban.shared.InvalidValueException;

/**
 * A basic-catalogue code (基本编码): 12 characters, digits and capital letters. As the province assigns them
 * (local practice): the item-type code (2), the department code (3), a sequence (5) and a sub-item suffix (2). Every
 * implementation of the item carries it unchanged ("同一事项、同一编码").
 */
public record BasicCode(String value) {

    /**
     * @throws InvalidValueException {@code catalog.basic-code.format} (not 12 digits or capital letters) or
     *         {@code catalog.basic-code.type} (the first two characters are no item type)
     */
    public BasicCode {
        String code = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        if (!code.matches("[0-9A-Z]{12}")) {
            throw new InvalidValueException("catalog.basic-code.format", value, value);
        }
        try {
            ItemType.ofCode(code.substring(0, 2));
        } catch (InvalidValueException e) {
            throw new InvalidValueException("catalog.basic-code.type", value, value, code.substring(0, 2));
        }
        value = code;
    }

    public static BasicCode of(String value) {
        return new BasicCode(value);
    }

    public ItemType type() {
        return ItemType.ofCode(value.substring(0, 2));
    }

    @Override
    public String toString() {
        return value;
    }
}
