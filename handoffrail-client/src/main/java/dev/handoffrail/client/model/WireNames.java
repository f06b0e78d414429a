package dev.handoffrail.client.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses the lower-case JSON spelling of the model's enums. */
final class WireNames {
    private WireNames() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String wire) {
        if (wire != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(wire.trim())) {
                    return constant;
                }
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException("'" + wire + "' is not one of: " + allowed);
    }
}
