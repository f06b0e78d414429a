package dev.handoffrail.persistence.sql;

import com.zaxxer.hikari.HikariConfig;
import dev.handoffrail.core.packet.SearchTerms;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * The few places where PostgreSQL and SQLite differ for the {@code Sql*} stores: row locking, JSON parameters,
 * full-text search, transaction start, driver settings and the Flyway location. Everything else is one SQL text.
 */
public enum SqlDialect {
    POSTGRESQL,
    SQLITE;

    /** How long a SQLite connection waits for the write lock of another process before failing. */
    static final int SQLITE_BUSY_TIMEOUT_MILLIS = 30_000;

    /** {@code postgresql} or {@code sqlite}, as reported by {@code /api/v1/system/health}. */
    public String backendName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The classpath location of this dialect's Flyway migrations. */
    public String flywayLocation() {
        return "classpath:db/migration/" + backendName();
    }

    /** Suffix of a SELECT that locks its rows until the transaction ends; SQLite's write transaction already does. */
    String forUpdate() {
        return this == POSTGRESQL ? " FOR UPDATE" : "";
    }

    /** Suffix of a SELECT that locks its rows and skips rows another transaction holds. */
    String forUpdateSkipLocked() {
        return this == POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    }

    /** {@code column} ordered by code point, as Java's {@code String} order, whatever the database's collation. */
    String byteOrder(String column) {
        return this == POSTGRESQL ? column + " COLLATE \"C\"" : column;
    }

    /** A JSON document parameter. */
    String json(String parameter) {
        return this == POSTGRESQL ? "CAST(" + parameter + " AS json)" : parameter;
    }

    /** The strings of a JSON array parameter as rows of one column, {@code value}: a FROM item. */
    String jsonStrings(String parameter) {
        return this == POSTGRESQL ? "json_array_elements_text(CAST(" + parameter + " AS json)) AS strings (value)"
                : "json_each(" + parameter + ")";
    }

    /** A JSON parameter for a JSONB column. */
    String jsonb(String parameter) {
        return this == POSTGRESQL ? "CAST(" + parameter + " AS jsonb)" : parameter;
    }

    /** Whether the JSON array of strings in {@code column} contains the text {@code parameter}. */
    String jsonArrayContains(String column, String parameter) {
        return switch (this) {
            case POSTGRESQL -> column + " @> jsonb_build_array(CAST(" + parameter + " AS text))";
            case SQLITE -> "EXISTS (SELECT 1 FROM json_each(" + column + ") WHERE json_each.value = " + parameter
                    + ")";
        };
    }

    /**
     * The full-text parts of a packet search, with {@code :q} bound to {@link #fullTextQuery} and
     * {@code :search_tenant} to the tenant id: the FROM clause naming the packets {@code p}, the match condition, a
     * relevance expression (higher is better: PostgreSQL's {@code ts_rank}, SQLite's BM25 negated) and the cheapest
     * key of a packet row. The match asks the full-text index for the tenant's term together with the words
     * (migrations V11), so the index yields the tenant's matches only and no other tenant's match is read. On SQLite
     * the matches are joined to the narrow index {@code packets_search_keys} rather than to the packets' rows, so
     * neither the count nor the ranking reads a matching packet's document.
     *
     * <p>SQLite's relevance used to be the number of matched occurrences (the marks {@code highlight()} put around
     * each), like the in-memory store's, but {@code highlight()} tokenizes each match's text again, read from the
     * packet's row: 26 s for a word in 200,000 packets. BM25 comes from the index alone; it also weighs document
     * length, so a short packet can outrank a longer one that repeats the word. The tenant column has a weight of 0.
     */
    FullText fullText() {
        return switch (this) {
            case POSTGRESQL -> new FullText("packets p CROSS JOIN plainto_tsquery('english', :q) AS query",
                    "p.search_vector @@ query AND p.search_vector @@ packet_search_tenant(:search_tenant)",
                    "ts_rank(p.search_vector, query)", "p.id", "(p.tenant_id || '')");
            case SQLITE -> new FullText("packets_fts CROSS JOIN packets p INDEXED BY packets_search_keys "
                    + "ON p.seq = packets_fts.rowid",
                    "packets_fts MATCH (:q || ' AND tenant_key : \"' || hex(:search_tenant) || '0\"')",
                    "-bm25(packets_fts, 1.0, 0.0)", "p.seq", "p.tenant_id");
        };
    }

    /**
     * The text bound to {@code :q}, or null when nothing searchable is left. The words are read again as
     * {@link SearchTerms} reads text (runs of letters and digits, lower case, no stop words), so no character can
     * reach the query parser; for FTS5 each word is also a quoted phrase, so {@code and} or {@code near} are words,
     * and the words are matched in the {@code search_text} column only (the other column holds the tenant's token).
     */
    String fullTextQuery(List<String> words) {
        List<String> searchable = SearchTerms.words(String.join(" ", words));
        if (searchable.isEmpty()) {
            return null;
        }
        return switch (this) {
            case POSTGRESQL -> String.join(" ", searchable);
            case SQLITE -> "search_text : (" + String.join(" ", searchable.stream().map(word -> '"' + word + '"')
                    .toList()) + ")";
        };
    }

    /** The size of the current database in bytes. */
    String databaseSizeQuery() {
        return switch (this) {
            case POSTGRESQL -> "SELECT pg_database_size(current_database())";
            case SQLITE -> "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";
        };
    }

    /** Starts a transaction; on SQLite it takes the write lock at once ({@code BEGIN IMMEDIATE}). */
    void begin(Handle handle) {
        if (this == SQLITE) {
            handle.execute("BEGIN IMMEDIATE");
        } else {
            handle.begin();
        }
    }

    void commit(Handle handle) {
        if (this == SQLITE) {
            handle.execute("COMMIT");
        } else {
            handle.commit();
        }
    }

    void rollback(Handle handle) {
        if (this == SQLITE) {
            handle.execute("ROLLBACK");
        } else {
            handle.rollback();
        }
    }

    /**
     * Driver settings: SQLite gets WAL, synchronous=NORMAL, a busy timeout and enforced foreign keys; PostgreSQL
     * gets bounded connect, login and socket timeouts.
     */
    void configure(HikariConfig config) {
        if (this == SQLITE) {
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT_MILLIS));
            config.addDataSourceProperty("foreign_keys", "true");
        } else {
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            // an unreachable server fails a connection attempt in seconds instead of holding the request
            config.addDataSourceProperty("connectTimeout", "2");
            config.addDataSourceProperty("loginTimeout", "2");
            config.addDataSourceProperty("tcpKeepAlive", "true");
        }
    }

    /**
     * How long a request waits for a pooled connection before it fails with {@code SERVICE_UNAVAILABLE}: short on
     * PostgreSQL, so an outage answers 503 within seconds and {@code /ready} turns within 5 s; longer on SQLite,
     * whose connections are local and only ever wait for one another.
     */
    long connectionTimeoutMillis() {
        return this == SQLITE ? 10_000 : 3_000;
    }

    /**
     * Settings of the serving pool only (not of the migration pool, whose backfills may run long): on PostgreSQL a
     * peer that vanished fails a statement after two minutes instead of holding its thread for ever.
     */
    void configureServing(HikariConfig config) {
        if (this == POSTGRESQL) {
            config.addDataSourceProperty("socketTimeout", "120");
        }
    }

    /** Jdbi settings: UUIDs are native on PostgreSQL (also when null) and text on SQLite; SQLite keeps its prepared statements. */
    void configure(Jdbi jdbi) {
        jdbi.registerArgument(new UuidArgument(this));
        if (this == SQLITE) {
            jdbi.setStatementBuilderFactory(new SqliteStatementCache());
        }
    }

    /**
     * Full-text search fragments; see {@link #fullText()}. {@code tenant} is the expression the tenant condition
     * compares: on PostgreSQL it is not the bare column, so that the planner cannot add a tenant index to the
     * full-text index scan (a {@code BitmapAnd} that reads every index entry of the tenant, which made a rare word
     * cost in proportion to the tenant's packets: 2.5 ms a statement at 27,000, over 20 ms at 200,000); the tenant
     * is checked on the full-text matches instead (which, since V11, are the tenant's already; the check stays so that a
     * tenant's result never depends on its term being unique).
     */
    record FullText(String from, String match, String rank, String key, String tenant) {
    }

    private static final class UuidArgument extends AbstractArgumentFactory<UUID> {
        private final SqlDialect dialect;

        UuidArgument(SqlDialect dialect) {
            super(dialect == POSTGRESQL ? Types.OTHER : Types.VARCHAR);
            this.dialect = dialect;
        }

        @Override
        protected Argument build(UUID value, ConfigRegistry config) {
            if (dialect == POSTGRESQL) {
                return (position, statement, context) -> statement.setObject(position, value);
            }
            return (position, statement, context) -> statement.setString(position, value.toString());
        }
    }
}
