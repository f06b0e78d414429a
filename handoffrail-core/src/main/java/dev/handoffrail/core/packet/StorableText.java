package dev.handoffrail.core.packet;

import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.ValidationException;
import java.util.List;
import java.util.Map;

/**
 * The one rule for text a database cannot hold: a string (a value or an object key, at any depth) must not contain
 * U+0000 (NUL) or an unpaired UTF-16 surrogate. PostgreSQL's text and JSON types cannot store NUL, and no database
 * stores an unpaired surrogate as UTF-8 without replacing it, so such input is refused with {@code 400
 * VALIDATION_ERROR} naming the field, in memory, on SQLite and on PostgreSQL alike, instead of being stored on one
 * and failing on another. Every other code point, noncharacters and private use included, is stored and returned
 * verbatim. Stateless.
 */
public final class StorableText {
    /** The message of a string value that breaks the rule. */
    public static final String MESSAGE = "must not contain U+0000 (NUL) or unpaired UTF-16 surrogates";
    /** The message of an object whose keys break the rule (the key itself is not echoed). */
    public static final String KEY_MESSAGE = "object keys must not contain U+0000 (NUL) or unpaired UTF-16 surrogates";

    private StorableText() {
    }

    /** Whether {@code value} can be stored and read back verbatim; null is storable. */
    public static boolean isStorable(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Adds an error for {@code path} unless {@code value} is storable. */
    public static void check(List<FieldError> errors, String path, String value) {
        if (!isStorable(value)) {
            errors.add(new FieldError(path, MESSAGE));
        }
    }

    /**
     * Adds an error for every string of a JSON value ({@code Map}, {@code List}, {@code String}, other scalars)
     * that breaks the rule, with its path ({@code a.b[2].c}, or {@code root} itself); an object with a bad key is
     * named once, by its own path.
     */
    public static void checkDeep(List<FieldError> errors, String path, Object value) {
        if (value instanceof String text) {
            check(errors, path, text);
        } else if (value instanceof Map<?, ?> map) {
            boolean badKey = false;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (!isStorable(key)) {
                    badKey = true;
                    continue;
                }
                checkDeep(errors, path.isEmpty() ? key : path + "." + key, entry.getValue());
            }
            if (badKey) {
                errors.add(new FieldError(path.isEmpty() ? "body" : path, KEY_MESSAGE));
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkDeep(errors, path + "[" + i + "]", list.get(i));
            }
        }
    }

    /** Throws {@code 400 VALIDATION_ERROR} naming {@code field} unless {@code value} is storable. */
    public static void require(String field, String value) {
        if (!isStorable(value)) {
            throw ValidationException.of(field, MESSAGE);
        }
    }
}
