package org.tongban.catalog.internal.transfer;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import org.tongban.shared.InvalidValueException;

/**
 * How the values of one kind of column are written to and read from a cell of the spreadsheet or a property of the
 * JSON file. Reading is lenient where officers type things differently (Chinese label, enum name, official numeric
 * code, full-width characters); writing always produces the one canonical form, so that an exported file re-imports
 * unchanged.
 *
 * @param <V> the value's type
 */
public interface ValueFormat<V> {

    /** A blank cell or property: never passed to {@link #parse(String)}. */
    static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /**
     * @param text the cell's text, not blank
     * @throws InvalidValueException with a {@code catalog.transfer.*} code when the text is no value of this format
     */
    V parse(String text);

    /**
     * Reads a JSON property; {@code node} is neither missing nor JSON {@code null}.
     *
     * @throws InvalidValueException {@code catalog.transfer.json-type} for an array or object where a single value
     *         belongs, or what {@link #parse(String)} throws
     */
    default V parseJson(JsonNode node) {
        if (node.isArray() || node.isObject()) {
            throw new InvalidValueException("catalog.transfer.json-type", node.toString(), node.toString());
        }
        String text = node.asString();
        return blank(text) ? null : parse(text.strip());
    }

    /** The text a spreadsheet cell shows; {@code null} for no value. */
    String format(V value);

    /** What the JSON file holds: a {@code String}, {@code Integer}, {@code Boolean} or {@code List<String>}. */
    default Object json(V value) {
        return format(value);
    }

    /** The values an officer may type, as the instructions sheet and drop-down lists show them; empty for free text. */
    default List<String> choices() {
        return List.of();
    }

    /** Free text, kept as typed (surrounding white space aside). */
    ValueFormat<String> TEXT = new ValueFormat<>() {
        @Override
        public String parse(String text) {
            return text;
        }

        @Override
        public String format(String value) {
            return value;
        }
    };

    /** A list of texts, one per line inside the cell (Alt+Enter in Excel); a JSON array of strings. */
    ValueFormat<List<String>> LINES = new ValueFormat<>() {

        private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");

        @Override
        public List<String> parse(String text) {
            return LINE_BREAK.splitAsStream(text).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }

        @Override
        public List<String> parseJson(JsonNode node) {
            if (!node.isArray()) {
                return ValueFormat.super.parseJson(node);
            }
            List<String> lines = new ArrayList<>();
            for (JsonNode element : node.values()) {
                if (element.isArray() || element.isObject()) {
                    throw new InvalidValueException("catalog.transfer.json-type", element.toString(),
                            element.toString());
                }
                if (!element.isNull() && !blank(element.asString())) {
                    lines.add(element.asString().strip());
                }
            }
            return lines;
        }

        @Override
        public String format(List<String> value) {
            return value == null || value.isEmpty() ? null : String.join("\n", value);
        }

        @Override
        public Object json(List<String> value) {
            return value == null || value.isEmpty() ? null : value;
        }
    };

    /** A whole number, zero or more: days, visits, copies. Excel's {@code 5.0} is 5. */
    ValueFormat<Integer> COUNT = new ValueFormat<>() {
        @Override
        public Integer parse(String text) {
            try {
                int value = new BigDecimal(normalize(text)).intValueExact();
                if (value >= 0) {
                    return value;
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // reported below
            }
            throw new InvalidValueException("catalog.transfer.count", text, text);
        }

        @Override
        public String format(Integer value) {
            return value == null ? null : value.toString();
        }

        @Override
        public Object json(Integer value) {
            return value;
        }
    };

    /** Yes or no: 是/否, also Y/N, TRUE/FALSE (what Excel shows for its booleans), 1/0, 支持/不支持. */
    ValueFormat<Boolean> YES_NO = new ValueFormat<>() {
        @Override
        public Boolean parse(String text) {
            return switch (normalize(text)) {
                case "是", "Y", "YES", "TRUE", "1", "支持", "可以", "√" -> true;
                case "否", "N", "NO", "FALSE", "0", "不支持", "不可以", "×" -> false;
                default -> throw new InvalidValueException("catalog.transfer.yes-no", text, text);
            };
        }

        @Override
        public String format(Boolean value) {
            return value == null ? null : value ? "是" : "否";
        }

        @Override
        public Object json(Boolean value) {
            return value;
        }

        @Override
        public List<String> choices() {
            return List.of("是", "否");
        }
    };

    /**
     * One constant of an enum, written as its Chinese label. Read from the label, any alias, or the constant's name;
     * comparison ignores white space, case and the width of characters (NFKC: Ⅳ is IV, （ is ().
     *
     * @param labels per constant, the label written first, then the aliases accepted (official numeric codes among
     *        them); every constant must have one
     */
    static <E extends Enum<E>> ValueFormat<E> labelled(Class<E> type, Map<E, List<String>> labels) {
        Map<String, E> byText = new LinkedHashMap<>();
        Map<E, String> written = new LinkedHashMap<>();
        for (E constant : type.getEnumConstants()) {
            List<String> own = labels.get(constant);
            if (own == null || own.isEmpty()) {
                throw new IllegalArgumentException("No label for " + constant);
            }
            written.put(constant, own.getFirst());
            own.forEach(label -> byText.put(normalize(label), constant));
            byText.putIfAbsent(normalize(constant.name()), constant);
        }
        List<String> choices = List.copyOf(written.values());
        return new ValueFormat<>() {
            @Override
            public E parse(String text) {
                E value = byText.get(normalize(text));
                if (value == null) {
                    throw new InvalidValueException("catalog.transfer.choice", text, text, String.join("、", choices));
                }
                return value;
            }

            @Override
            public String format(E value) {
                return value == null ? null : written.get(value);
            }

            /** The constant's name: JSON is for programs, which know the enums. */
            @Override
            public Object json(E value) {
                return value == null ? null : value.name();
            }

            @Override
            public List<String> choices() {
                return choices;
            }
        };
    }

    /** Upper case, no white space, compatibility forms folded (full-width letters and digits, Roman numerals). */
    static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }
}
