package dev.handoffrail.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed command line: positionals, {@code --name value} (or {@code --name=value}) options, which may repeat, and
 * {@code --flag} switches. Which names are switches is fixed, so {@code --json} never swallows the next word.
 */
final class CliArgs {
    private static final Set<String> SWITCHES = Set.of("json", "all", "next", "platform-admin", "help");

    private final List<String> positionals = new ArrayList<>();
    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final Set<String> used = new java.util.HashSet<>();

    CliArgs(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                positionals.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (SWITCHES.contains(name)) {
                value = "true";
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException("--" + name + " needs a value");
            }
            options.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
    }

    List<String> positionals() {
        return positionals;
    }

    /** The {@code index}-th positional, or a usage error naming what it should be. */
    String positional(int index, String what) {
        if (index >= positionals.size()) {
            throw new UsageException("missing " + what);
        }
        return positionals.get(index);
    }

    String option(String name) {
        used.add(name);
        List<String> values = options.get(name);
        return values == null ? null : values.get(values.size() - 1);
    }

    String required(String name) {
        String value = option(name);
        if (value == null) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    /** Every value of a repeatable option, comma-separated values split. */
    List<String> all(String name) {
        used.add(name);
        List<String> values = new ArrayList<>();
        for (String value : options.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        return values;
    }

    boolean flag(String name) {
        return "true".equals(option(name));
    }

    Integer integer(String name) {
        String value = option(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got '" + value + "'");
        }
    }

    /** Refuses options the command did not read: a typo must not silently be ignored. */
    void rejectUnknown() {
        for (String name : options.keySet()) {
            if (!used.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
        }
    }
}
