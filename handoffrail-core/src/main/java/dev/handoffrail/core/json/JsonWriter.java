package dev.handoffrail.core.json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The core's only JSON: a compact writer of plain Java values (insertion-ordered {@code Map}s, {@code List}s,
 * strings, numbers, booleans, null) for what the domain itself defines in JSON, the webhook body it signs
 * (http-api.md §18.1) and the packet size it charges against {@code max_packet_size} (§5.5). Reading JSON is an
 * adapter's job. Stateless and thread-safe.
 */
public final class JsonWriter {
    private JsonWriter() {
    }

    /** Serialises a value to compact JSON. Unsupported types throw {@link IllegalArgumentException}. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        writeValue(out, value);
        return out.toString();
    }

    /** {@link #write(Object)} as UTF-8 bytes. */
    public static byte[] writeBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The size in UTF-8 bytes of {@link #write(Object)}'s output. */
    public static long utf8Length(Object value) {
        // the JDK's encoder is an intrinsic: fast even before the JIT has compiled this method, unlike a counting
        // loop (a profile of the create path found that loop running interpreted for minutes); a lone surrogate,
        // which no stored text may contain (StorableText), counts as the one byte of its replacement
        return write(value).getBytes(StandardCharsets.UTF_8).length;
    }

    private static void writeValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Double d) {
            writeFinite(out, d, d.isNaN() || d.isInfinite());
        } else if (value instanceof Float f) {
            writeFinite(out, f, f.isNaN() || f.isInfinite());
        } else if (value instanceof BigDecimal bd) {
            out.append(bd.toString());
        } else if (value instanceof Number n) {
            out.append(n.toString());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(out, String.valueOf(e.getKey()));
                out.append(':');
                writeValue(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeValue(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void writeFinite(StringBuilder out, Number n, boolean notFinite) {
        if (notFinite) {
            throw new IllegalArgumentException("JSON has no NaN or infinity");
        }
        out.append(n.toString());
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        out.append(s, plain, s.length());
        out.append('"');
    }
}
