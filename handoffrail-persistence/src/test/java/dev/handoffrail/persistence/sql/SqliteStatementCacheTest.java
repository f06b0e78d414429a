package dev.handoffrail.persistence.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prepared statements kept per pooled SQLite connection, on a real database behind a one-connection pool. */
class SqliteStatementCacheTest {
    private static final String SELECT = "SELECT name FROM items WHERE id >= :from ORDER BY id";

    @TempDir
    Path dir;

    private HikariDataSource pool;
    private Jdbi jdbi;
    private final List<PreparedStatement> executed = new ArrayList<>();

    @BeforeEach
    void open() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + dir.resolve("cache.db"));
        config.setMaximumPoolSize(1);
        pool = new HikariDataSource(config);
        jdbi = Jdbi.create(pool);
        jdbi.setStatementBuilderFactory(new SqliteStatementCache());
        jdbi.addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement statement, StatementContext context) {
                executed.add(statement);
            }
        });
        jdbi.useHandle(handle -> {
            handle.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
            handle.execute("INSERT INTO items (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        });
        executed.clear();
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void the_same_sql_on_the_same_connection_reuses_its_statement_with_fresh_parameters() {
        List<String> first = jdbi.withHandle(handle -> handle.createQuery(SELECT).bind("from", 1)
                .mapTo(String.class).list());
        List<String> second = jdbi.withHandle(handle -> handle.createQuery(SELECT).bind("from", 3)
                .mapTo(String.class).list());

        assertThat(first).containsExactly("one", "two", "three");
        assertThat(second).containsExactly("three");
        assertThat(executed).hasSize(2);
        assertThat(executed.get(1)).isSameAs(executed.get(0));
    }

    @Test
    void a_statement_still_in_use_is_not_handed_out_twice() {
        List<String> pairs = jdbi.withHandle(handle -> {
            List<String> seen = new ArrayList<>();
            try (ResultIterator<String> rows = handle.createQuery(SELECT).bind("from", 2).mapTo(String.class)
                    .iterator()) {
                while (rows.hasNext()) {
                    String row = rows.next();
                    seen.add(row + ":" + handle.createQuery(SELECT).bind("from", 3).mapTo(String.class).one());
                }
            }
            return seen;
        });

        assertThat(pairs).containsExactly("two:three", "three:three");
        assertThat(executed.get(1)).isNotSameAs(executed.get(0));
    }

    @Test
    void statements_of_a_closed_connection_are_dropped() {
        // without a pool every handle opens a connection of its own and closes it when the handle closes
        Jdbi unpooled = Jdbi.create("jdbc:sqlite:" + dir.resolve("cache.db"));
        SqliteStatementCache cache = new SqliteStatementCache();
        unpooled.setStatementBuilderFactory(cache);
        unpooled.useHandle(handle -> handle.createQuery(SELECT).bind("from", 1).mapTo(String.class).list());
        assertThat(cache.connections()).isEqualTo(1);

        List<String> names = unpooled.withHandle(handle -> handle.createQuery(SELECT).bind("from", 3)
                .mapTo(String.class).list());

        assertThat(names).containsExactly("three");
        assertThat(cache.connections()).isEqualTo(1);
    }
}
