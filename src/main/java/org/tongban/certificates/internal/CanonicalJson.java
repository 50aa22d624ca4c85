package org.tongban.certificates.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The deterministic byte form of a certificate's payload that is signed: a JSON object whose members are sorted by
 * name (UTF-16 code units, as RFC 8785), with no insignificant white space, strings escaped only where JSON
 * requires it ({@code "}, {@code \}, control characters) and values that are strings or nested objects of strings.
 * The same data always gives the same bytes, whatever order it was built or parsed in.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static byte[] bytes(Map<String, ?> object) {
        StringBuilder out = new StringBuilder(512);
        write(object, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Map<String, ?> object, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (var entry : new TreeMap<>(object).entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(entry.getKey(), out);
            out.append(':');
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, ?> members = (Map<String, ?>) nested;
                write(members, out);
            } else if (value instanceof String text) {
                string(text, out);
            } else {
                throw new IllegalArgumentException("Only strings and objects are signed: " + entry.getKey());
            }
        }
        out.append('}');
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u%04x".formatted((int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
