package dev.handoffrail.http.packet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.testing.TestJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Test helpers: JSON bodies from text, edited copies by path ({@code a.b[1].c}), and collected field errors. */
final class JsonEdits {
    /** A value that, when set, removes the key instead. */
    static final Object ABSENT = new Object();

    private JsonEdits() {
    }

    static Map<String, Object> json(String text) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) copy(TestJson.parse(text));
        return map;
    }

    /** A deep, mutable copy of {@code body} with {@code path} set to {@code value} (or removed for ABSENT). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> with(Map<String, Object> body, String path, Object value) {
        Map<String, Object> root = (Map<String, Object>) copy(body);
        String[] segments = path.replace("[", ".[").split("\\.");
        Object container = root;
        for (int i = 0; i < segments.length - 1; i++) {
            container = child(container, segments[i]);
        }
        String last = segments[segments.length - 1];
        if (last.startsWith("[")) {
            List<Object> list = (List<Object>) container;
            int index = Integer.parseInt(last.substring(1, last.length() - 1));
            if (value == ABSENT) {
                list.remove(index);
            } else {
                list.set(index, value);
            }
        } else if (value == ABSENT) {
            ((Map<String, Object>) container).remove(last);
        } else {
            ((Map<String, Object>) container).put(last, value);
        }
        return root;
    }

    static List<FieldError> errorsOf(Supplier<?> parse) {
        AtomicReference<List<FieldError>> errors = new AtomicReference<>();
        assertThatThrownBy(parse::get).isInstanceOfSatisfying(ValidationException.class,
                e -> errors.set(e.errors()));
        return errors.get();
    }

    @SuppressWarnings("unchecked")
    private static Object child(Object container, String segment) {
        if (segment.startsWith("[")) {
            return ((List<Object>) container).get(Integer.parseInt(segment.substring(1, segment.length() - 1)));
        }
        return ((Map<String, Object>) container).get(segment);
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }
}
