package dev.handoffrail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Files of the repository that tests hold to their promises: compose files, docs, dashboards, alert rules. */
final class RepositoryFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TABLE_VARIABLE = Pattern.compile("^\\| `(HR_[A-Z0-9_]+)` \\|");

    private RepositoryFiles() {
    }

    /** The repository root (tests run in the module directory). */
    static Path root() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String text(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(String relative) {
        try {
            return YAML.readTree(text(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String relative) {
        try {
            return JSON.readTree(text(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The variables of the table in docs/configuration.md, with their row, in document order. */
    static Map<String, String> documentedVariables() {
        Map<String, String> rows = new LinkedHashMap<>();
        text("docs/configuration.md").lines().forEach(line -> {
            Matcher matcher = TABLE_VARIABLE.matcher(line);
            if (matcher.find()) {
                rows.put(matcher.group(1), line);
            }
        });
        return rows;
    }

    /** {@code KEY=VALUE} lines of an env file (comments and blank lines skipped), in order. */
    static Map<String, String> envFile(String relative) {
        Map<String, String> values = new LinkedHashMap<>();
        text(relative).lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .forEach(line -> {
                    int eq = line.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalStateException(relative + ": not KEY=VALUE: " + line);
                    }
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                });
        return values;
    }
}
