package dev.handoffrail.bench.ceiling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoffrail.bench.scenario.PacketBodies;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The least a database does for one search as http-api.md §9.4 defines it, measured without HandoffRail: a bare
 * table of search texts with nothing but the full-text index (PostgreSQL {@code GIN} over a stored
 * {@code tsvector}, SQLite FTS5 with the product's tokenizer), filled with the texts of the bench's packets, then
 * per word the contract's two answers: {@code total}, the count of every match, and the first page, the 50 best
 * matches by relevance ({@code ts_rank}, BM25) then newest first. Any implementation of the contract pays at least
 * this, so where it is above a latency target, the target is out of reach on that database. Not thread-safe.
 */
public final class SearchCeiling implements AutoCloseable {
    /** Texts inserted per transaction while filling. */
    static final int FILL_BATCH = 5_000;
    /** The page size of the bench's search requests. */
    static final int PAGE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One word's cost: the count of its matches and the ranked first page, each the median of the runs. */
    public record Cost(String word, long matches, Duration count, Duration page) {
        /** Count and page together: what one search request asks of the database. */
        public Duration total() {
            return count.plus(page);
        }
    }

    private enum Dialect {
        SQLITE(List.of("CREATE TABLE ceiling_search (seq INTEGER PRIMARY KEY, created_at INTEGER NOT NULL, "
                        + "search_text TEXT NOT NULL)",
                "CREATE VIRTUAL TABLE ceiling_search_fts USING fts5(search_text, content = 'ceiling_search', "
                        + "content_rowid = 'seq', tokenize = 'porter unicode61 remove_diacritics 2')",
                "CREATE TRIGGER ceiling_search_fts_insert AFTER INSERT ON ceiling_search BEGIN "
                        + "INSERT INTO ceiling_search_fts (rowid, search_text) VALUES (new.seq, new.search_text); END"),
                "INSERT INTO ceiling_search (seq, created_at, search_text) VALUES (?, ?, ?)",
                "SELECT count(*) FROM ceiling_search_fts WHERE ceiling_search_fts MATCH ?",
                "SELECT s.seq FROM ceiling_search_fts JOIN ceiling_search s ON s.seq = ceiling_search_fts.rowid "
                        + "WHERE ceiling_search_fts MATCH ? ORDER BY bm25(ceiling_search_fts), s.created_at DESC "
                        + "LIMIT " + PAGE),
        POSTGRESQL(List.of("CREATE TABLE ceiling_search (seq BIGINT PRIMARY KEY, created_at BIGINT NOT NULL, "
                        + "search_text TEXT NOT NULL, search_vector TSVECTOR GENERATED ALWAYS AS "
                        + "(to_tsvector('english', search_text)) STORED)",
                "CREATE INDEX ceiling_search_vector ON ceiling_search USING GIN (search_vector)"),
                "INSERT INTO ceiling_search (seq, created_at, search_text) VALUES (?, ?, ?)",
                "SELECT count(*) FROM ceiling_search WHERE search_vector @@ plainto_tsquery('english', ?)",
                "SELECT seq FROM ceiling_search, plainto_tsquery('english', ?) AS query "
                        + "WHERE search_vector @@ query "
                        + "ORDER BY ts_rank(search_vector, query) DESC, created_at DESC LIMIT " + PAGE);

        final List<String> schema;
        final String insert;
        final String count;
        final String page;

        Dialect(List<String> schema, String insert, String count, String page) {
            this.schema = schema;
            this.insert = insert;
            this.count = count;
            this.page = page;
        }

        /** The word as the query parameter: FTS5 gets it as a quoted phrase, so no word is an operator. */
        String parameter(String word) {
            return this == SQLITE ? '"' + word + '"' : word;
        }
    }

    private final Connection connection;
    private final Dialect dialect;
    private long filled;

    private SearchCeiling(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /**
     * Opens {@code jdbcUrl} ({@code jdbc:sqlite:} or {@code jdbc:postgresql:} with its user) and creates
     * the table and its full-text index, which must not exist yet.
     */
    public static SearchCeiling open(String jdbcUrl) throws SQLException {
        Dialect dialect;
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            dialect = Dialect.SQLITE;
        } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            dialect = Dialect.POSTGRESQL;
        } else {
            throw new IllegalArgumentException("unsupported database URL: " + jdbcUrl);
        }
        Connection connection = DriverManager.getConnection(jdbcUrl);
        try (Statement statement = connection.createStatement()) {
            if (dialect == Dialect.SQLITE) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
            }
            for (String sql : dialect.schema) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new SearchCeiling(connection, dialect);
    }

    /** How many texts the table holds. */
    public long filled() {
        return filled;
    }

    /**
     * Adds the search texts of bench bodies {@code filled()} to {@code target - 1} (summary, tags, conversation
     * and decisions, as the product indexes them), newest last, in transactions of {@value #FILL_BATCH}; on
     * PostgreSQL it then refreshes the planner's statistics and the visibility map, as autovacuum would.
     */
    public void fillTo(long target) throws SQLException {
        if (target <= filled) {
            return;
        }
        long createdAt = Instant.parse("2026-05-30T00:00:00Z").toEpochMilli() * 1000;
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(dialect.insert)) {
            for (long n = filled; n < target; n++) {
                insert.setLong(1, n);
                insert.setLong(2, createdAt + n);
                insert.setString(3, searchText(n));
                insert.addBatch();
                if ((n + 1) % FILL_BATCH == 0 || n + 1 == target) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        filled = target;
        if (dialect == Dialect.POSTGRESQL) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM ANALYZE ceiling_search");
            }
        }
    }

    /**
     * The cost of a search for {@code word}: its count and its ranked first page, each run {@code runs} times
     * after one unmeasured run of each (which brings the index into the cache), the medians.
     */
    public Cost cost(String word, int runs) throws SQLException {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1");
        }
        String parameter = dialect.parameter(word);
        long matches = count(parameter);
        page(parameter);
        long[] counts = new long[runs];
        long[] pages = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            count(parameter);
            counts[i] = System.nanoTime() - start;
            start = System.nanoTime();
            page(parameter);
            pages[i] = System.nanoTime() - start;
        }
        return new Cost(word, matches, Duration.ofNanos(median(counts)), Duration.ofNanos(median(pages)));
    }

    /** A fact line for the result table. */
    public static String describe(String database, long texts, Cost cost) {
        return String.format(Locale.ROOT, "%s search ceiling (a bare table of %,d search texts with only its"
                        + " full-text index) for '%s' (%s): count %.1f ms + first %d by relevance %.1f ms"
                        + " = %.1f ms (medians)", database, texts, cost.word(), cost.matches() == 1 ? "1 match"
                        : String.format(Locale.ROOT, "%,d matches", cost.matches()),
                cost.count().toNanos() / 1e6, PAGE, cost.page().toNanos() / 1e6, cost.total().toNanos() / 1e6);
    }

    /** The 50 best matches' keys, in order. */
    List<Long> page(String parameter) throws SQLException {
        List<Long> keys = new ArrayList<>(PAGE);
        try (PreparedStatement statement = connection.prepareStatement(dialect.page)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    keys.add(result.getLong(1));
                }
            }
        }
        return keys;
    }

    private long count(String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(dialect.count)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** The text the product indexes for bench body {@code n}. */
    static String searchText(long n) {
        try {
            JsonNode document = JSON.readTree(PacketBodies.packet(n, "sales-01", "billing-01"));
            return DurablePacket.of(UUID.randomUUID(), Instant.EPOCH, document, "").searchText();
        } catch (IOException e) {
            throw new IllegalStateException("bench body " + n + " is not JSON", e);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
