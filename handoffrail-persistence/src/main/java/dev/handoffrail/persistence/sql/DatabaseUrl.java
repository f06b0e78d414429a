package dev.handoffrail.persistence.sql;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed database URL (configuration.md): the SQLAlchemy-style forms of the deployment guide
 * ({@code sqlite+aiosqlite:///./handoffrail.db}, {@code sqlite:////abs/x.db}, {@code postgresql://u:p@host/db},
 * {@code postgres://…}) and plain {@code jdbc:sqlite:} / {@code jdbc:postgresql:} URLs. It picks the
 * {@link SqlDialect} and keeps the credentials out of the JDBC URL; {@link #toString()} is the redacted form, so
 * the password never reaches a log. Immutable and thread-safe.
 */
public final class DatabaseUrl {
    /** The documented default: a SQLite file in the working directory. */
    public static final String DEFAULT = "sqlite+aiosqlite:///./handoffrail.db";

    private static final String VARIABLE = "HR_DATABASE_URL";
    private static final String FALLBACK_VARIABLE = "DATABASE_URL";
    private static final String EXPECTED = "expected sqlite:///relative.db, sqlite:////absolute.db, "
            + "postgresql://user:pass@host:5432/db, postgres://…, jdbc:sqlite:… or jdbc:postgresql:…";

    private final SqlDialect dialect;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String redacted;
    private final Path sqliteFile;

    private DatabaseUrl(SqlDialect dialect, String jdbcUrl, String user, String password, String redacted,
                        Path sqliteFile) {
        this.dialect = dialect;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.redacted = redacted;
        this.sqliteFile = sqliteFile;
    }

    /**
     * The URL configured in {@code env}: {@code HR_DATABASE_URL}, else {@code DATABASE_URL}, else {@link #DEFAULT}.
     * A bad value throws {@link IllegalArgumentException} naming the variable it came from.
     */
    public static DatabaseUrl fromEnv(Map<String, String> env) {
        String variable = isSet(env, VARIABLE) || !isSet(env, FALLBACK_VARIABLE) ? VARIABLE : FALLBACK_VARIABLE;
        return parse(configuredText(env), variable);
    }

    /** The text {@link #fromEnv} parses: the first set of {@code HR_DATABASE_URL}, {@code DATABASE_URL}, default. */
    public static String configuredText(Map<String, String> env) {
        if (isSet(env, VARIABLE)) {
            return env.get(VARIABLE).strip();
        }
        return isSet(env, FALLBACK_VARIABLE) ? env.get(FALLBACK_VARIABLE).strip() : DEFAULT;
    }

    private static boolean isSet(Map<String, String> env, String variable) {
        String value = env.get(variable);
        return value != null && !value.isBlank();
    }

    /** Parses {@code text}; a bad value throws {@link IllegalArgumentException} naming {@code HR_DATABASE_URL}. */
    public static DatabaseUrl parse(String text) {
        return parse(text, VARIABLE);
    }

    /** A SQLite database in {@code file}. */
    public static DatabaseUrl sqlite(Path file) {
        requireNonNull(file, "file");
        return new DatabaseUrl(SqlDialect.SQLITE, "jdbc:sqlite:" + file, null, null, "jdbc:sqlite:" + file, file);
    }

    private static DatabaseUrl parse(String text, String variable) {
        if (text == null || text.isBlank()) {
            throw invalid(variable, "is empty; " + EXPECTED);
        }
        int colon = text.indexOf(':');
        String scheme = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
        if (scheme.equals("jdbc")) {
            return parseJdbc(text, variable);
        }
        String base = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
        if (!text.startsWith("://", colon)) {
            throw invalid(variable, "is not a URL; " + EXPECTED);
        }
        String rest = text.substring(colon + 3);
        return switch (base) {
            case "sqlite" -> sqliteFromPath(rest, variable);
            case "postgresql", "postgres" -> parsePostgres(rest, variable);
            default -> throw invalid(variable, "has unsupported scheme '" + printable(scheme) + "'; " + EXPECTED);
        };
    }

    /** {@code rest} is what follows {@code sqlite://}: an empty host, then {@code /path}. */
    private static DatabaseUrl sqliteFromPath(String rest, String variable) {
        if (!rest.startsWith("/")) {
            throw invalid(variable, "names a host for SQLite; use sqlite:///relative.db or sqlite:////absolute.db");
        }
        String path = rest.substring(1);
        if (path.contains("?")) {
            throw invalid(variable, "has query parameters, which SQLite URLs do not support");
        }
        return sqliteFile(path, variable);
    }

    private static DatabaseUrl sqliteFile(String path, String variable) {
        if (path.isEmpty() || path.equals(":memory:") || path.startsWith("file::memory:")) {
            throw invalid(variable, "names an in-memory SQLite database; HandoffRail needs a file");
        }
        return new DatabaseUrl(SqlDialect.SQLITE, "jdbc:sqlite:" + path, null, null, "jdbc:sqlite:" + path,
                Path.of(stripFileUri(path)));
    }

    private static String stripFileUri(String path) {
        String withoutPrefix = path.startsWith("file:") ? path.substring("file:".length()) : path;
        int query = withoutPrefix.indexOf('?');
        return query < 0 ? withoutPrefix : withoutPrefix.substring(0, query);
    }

    private static DatabaseUrl parseJdbc(String text, String variable) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            return sqliteFile(text.substring("jdbc:sqlite:".length()), variable);
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            String rest = text.substring("jdbc:postgresql:".length());
            int query = rest.indexOf('?');
            String target = query < 0 ? rest : rest.substring(0, query);
            Query params = Query.parse(query < 0 ? "" : rest.substring(query + 1), variable);
            if (target.isEmpty()) {
                throw invalid(variable, "names no database");
            }
            String url = "jdbc:postgresql:" + target + params.suffix();
            return new DatabaseUrl(SqlDialect.POSTGRESQL, url, params.user, params.password,
                    "jdbc:postgresql:" + target + params.redactedSuffix(), null);
        }
        throw invalid(variable, "is a JDBC URL for an unsupported database; " + EXPECTED);
    }

    /** {@code rest} is what follows {@code postgresql://}: {@code [user[:password]@]host[:port][,…]/db[?query]}. */
    private static DatabaseUrl parsePostgres(String rest, String variable) {
        int queryStart = rest.indexOf('?');
        String beforeQuery = queryStart < 0 ? rest : rest.substring(0, queryStart);
        Query params = Query.parse(queryStart < 0 ? "" : rest.substring(queryStart + 1), variable);
        int at = beforeQuery.lastIndexOf('@');
        String userInfo = at < 0 ? null : beforeQuery.substring(0, at);
        String location = beforeQuery.substring(at + 1);
        int slash = location.indexOf('/');
        String hosts = slash < 0 ? location : location.substring(0, slash);
        String database = slash < 0 ? "" : location.substring(slash + 1);
        if (hosts.isEmpty()) {
            throw invalid(variable, "names no PostgreSQL host");
        }
        for (String host : hosts.split(",", -1)) {
            checkHost(host, variable);
        }
        if (database.isEmpty() || database.contains("/")) {
            throw invalid(variable, "must name exactly one database after the host, e.g. postgresql://host:5432/db");
        }
        String user = params.user;
        String password = params.password;
        if (userInfo != null) {
            int split = userInfo.indexOf(':');
            user = decode(split < 0 ? userInfo : userInfo.substring(0, split), variable);
            password = split < 0 ? password : decode(userInfo.substring(split + 1), variable);
        }
        String jdbcUrl = "jdbc:postgresql://" + hosts + "/" + database + params.suffix();
        String shownUser = user == null ? "" : user + (password == null ? "" : ":***") + "@";
        String shown = "postgresql://" + shownUser + hosts + "/" + database + params.redactedSuffix();
        return new DatabaseUrl(SqlDialect.POSTGRESQL, jdbcUrl, user, password, shown, null);
    }

    private static void checkHost(String hostAndPort, String variable) {
        String host = hostAndPort;
        String port = null;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            if (close < 0) {
                throw invalid(variable, "has an unterminated IPv6 address");
            }
            host = hostAndPort.substring(0, close + 1);
            String after = hostAndPort.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw invalid(variable, "has an invalid host");
                }
                port = after.substring(1);
            }
        } else if (hostAndPort.contains(":")) {
            host = hostAndPort.substring(0, hostAndPort.indexOf(':'));
            port = hostAndPort.substring(hostAndPort.indexOf(':') + 1);
        }
        if (host.isEmpty()) {
            throw invalid(variable, "names no PostgreSQL host");
        }
        if (port != null && !validPort(port)) {
            throw invalid(variable, "has an invalid port '" + printable(port) + "' (expected 1-65535)");
        }
    }

    private static boolean validPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int value = Integer.parseInt(port);
        return value >= 1 && value <= 65_535;
    }

    private static String decode(String text, String variable) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(variable, "has a malformed percent-encoding in its credentials");
        }
    }

    /** Keeps a diagnostic short and free of anything that could be a secret-looking blob. */
    private static String printable(String text) {
        String cut = text.length() > 32 ? text.substring(0, 32) + "…" : text;
        return cut.replaceAll("[^\\x20-\\x7e…]", "?");
    }

    private static IllegalArgumentException invalid(String variable, String why) {
        return new IllegalArgumentException(variable + " " + why);
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** The JDBC URL without user name or password (they are passed to the driver separately). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The password for the driver; package-private so that it cannot leak through an embedder's logging. */
    Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The SQLite database file, for SQLite URLs. */
    public Optional<Path> sqliteFile() {
        return Optional.ofNullable(sqliteFile);
    }

    /** The URL with the password replaced by {@code ***}: safe to log. */
    public String redacted() {
        return redacted;
    }

    @Override
    public String toString() {
        return redacted;
    }

    /** Query parameters: {@code user} and {@code password} are taken out, the rest is passed to the driver. */
    private static final class Query {
        private final List<String> kept = new ArrayList<>();
        private String user;
        private String password;

        static Query parse(String text, String variable) {
            Query query = new Query();
            if (text.isEmpty()) {
                return query;
            }
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                switch (key.toLowerCase(Locale.ROOT)) {
                    case "password" -> query.password = decode(value, variable);
                    case "user" -> query.user = decode(value, variable);
                    default -> query.kept.add(pair);
                }
            }
            return query;
        }

        String suffix() {
            return kept.isEmpty() ? "" : "?" + String.join("&", kept);
        }

        String redactedSuffix() {
            List<String> shown = new ArrayList<>(kept);
            if (user != null) {
                shown.add("user=" + user);
            }
            if (password != null) {
                shown.add("password=***");
            }
            return shown.isEmpty() ? "" : "?" + String.join("&", shown);
        }
    }
}
