package dev.handoffrail.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Typed reads of environment variables; every failure is a one-line {@link ConfigException} naming the variable. */
final class EnvReader {
    private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern HOST_NAME = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9]+)?]?");
    private final Map<String, String> env;

    EnvReader(Map<String, String> env) {
        this.env = env;
    }

    /** The trimmed value, or null when unset or blank. */
    String get(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.trim();
    }

    String string(String name, String defaultValue) {
        String value = get(name);
        return value == null ? defaultValue : value;
    }

    long integer(String name, long defaultValue, long min, long max) {
        String value = get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + ": must be an integer between " + min + " and " + max + ", got '"
                    + printable(value) + "'");
        }
    }

    boolean bool(String name, boolean defaultValue) {
        String value = get(name);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ConfigException(name + ": must be true or false, got '" + printable(value) + "'");
        };
    }

    <T> T choice(String name, String defaultValue, Map<String, T> choices) {
        String value = string(name, defaultValue).toLowerCase(Locale.ROOT);
        T chosen = choices.get(value);
        if (chosen == null) {
            throw new ConfigException(name + ": must be one of " + String.join(", ", choices.keySet()) + ", got '"
                    + printable(value) + "'");
        }
        return chosen;
    }

    List<String> commaList(String name) {
        String value = get(name);
        List<String> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                items.add(part.trim());
            }
        }
        return items;
    }

    /** A bind address: an IP literal or a host name. */
    String host(String name, String defaultValue) {
        String value = string(name, defaultValue);
        if (!isHost(value)) {
            throw new ConfigException(name + ": must be an IP address or a host name, e.g. 0.0.0.0, :: or "
                    + "api.internal, got '" + printable(value) + "'");
        }
        return value;
    }

    /** Comma-separated host names or IP literals. */
    List<String> hostList(String name) {
        List<String> hosts = commaList(name);
        for (String host : hosts) {
            if (!isHost(host)) {
                throw new ConfigException(name + ": must be comma-separated host names or IP literals, e.g. "
                        + "hooks.internal,10.0.0.7, got '" + printable(host) + "'");
            }
        }
        return hosts;
    }

    private static boolean isHost(String value) {
        return HOST_NAME.matcher(value).matches() || IPV6.matcher(value).matches();
    }

    /** Parses with {@code parser}; an IllegalArgumentException becomes a ConfigException with the variable name. */
    <T> T parsed(String name, Function<String, T> parser) {
        String value = get(name);
        try {
            return parser.apply(value);
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "invalid value" : e.getMessage();
            throw new ConfigException(message.startsWith(name) ? message : name + ": " + message);
        }
    }

    /** Runs a reader of another module; its IllegalArgumentException, which names the variable, is passed on. */
    <T> T delegated(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** The value shortened and stripped of control characters, safe for a one-line error message. */
    static String printable(String value) {
        String flat = value.replaceAll("\\p{Cntrl}", "?");
        return flat.length() > 60 ? flat.substring(0, 57) + "..." : flat;
    }
}
