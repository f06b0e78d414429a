package dev.handoffrail.persistence.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit of SQLite's single writer, on a real database file. */
class SqliteWriterTest {
    private static final int THREADS = 16;
    private static final int WRITES_PER_THREAD = 60;

    @TempDir
    Path dir;

    private Jdbi jdbi;
    private SqliteWriter writer;
    private final ThreadLocal<Handle> current = new ThreadLocal<>();

    @BeforeEach
    void openDatabase() {
        jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("writer.db"));
        jdbi.useHandle(handle -> {
            handle.execute("PRAGMA journal_mode=WAL");
            handle.execute("CREATE TABLE rows (id TEXT PRIMARY KEY, writer INTEGER NOT NULL)");
        });
        writer = new SqliteWriter(jdbi, SqlDialect.SQLITE);
    }

    @Test
    void a_write_returns_its_result_once_committed_and_alone_it_uses_a_transaction_of_its_own() {
        String result = writer.write(() -> {
            current.get().execute("INSERT INTO rows (id, writer) VALUES ('a', 1)");
            return "done";
        }, current);

        assertThat(result).isEqualTo("done");
        assertThat(storedIds()).containsExactly("a");
        assertThat(writer.transactions()).isEqualTo(1);
        assertThat(current.get()).isNull();
    }

    @Test
    void a_failing_write_undoes_only_its_own_changes() {
        assertThatThrownBy(() -> writer.write(() -> {
            current.get().execute("INSERT INTO rows (id, writer) VALUES ('lost', 1)");
            throw new IllegalArgumentException("refused");
        }, current)).isInstanceOf(IllegalArgumentException.class).hasMessage("refused");
        writer.write(() -> current.get().execute("INSERT INTO rows (id, writer) VALUES ('kept', 2)"), current);

        assertThat(storedIds()).containsExactly("kept");
    }

    @Test
    void concurrent_writers_share_commits_and_each_sees_its_write_committed_when_it_returns() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> refused = ConcurrentHashMap.newKeySet();
        List<String> invisibleAfterReturn = new CopyOnWriteArrayList<>();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < WRITES_PER_THREAD; i++) {
                        String id = thread + "-" + i;
                        boolean fails = i % 5 == 4;
                        try {
                            writer.write(() -> {
                                current.get().createUpdate("INSERT INTO rows (id, writer) VALUES (:id, :writer)")
                                        .bind("id", id).bind("writer", thread).execute();
                                if (fails) {
                                    throw new IllegalStateException("refused " + id);
                                }
                                return id;
                            }, current);
                            acknowledged.add(id);
                            if (!visibleFromAnotherConnection(id)) {
                                invisibleAfterReturn.add(id);
                            }
                        } catch (IllegalStateException e) {
                            assertThat(e).hasMessage("refused " + id);
                            refused.add(id);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> each : writers) {
                each.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        int writes = THREADS * WRITES_PER_THREAD;
        assertThat(acknowledged).hasSize(writes * 4 / 5);
        assertThat(refused).hasSize(writes / 5);
        assertThat(storedIds()).containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(invisibleAfterReturn).isEmpty();
        assertThat(writer.transactions()).as("transactions for %d writes", writes).isLessThan(writes);
    }

    private boolean visibleFromAnotherConnection(String id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM rows WHERE id = :id")
                .bind("id", id).mapTo(Integer.class).one()) == 1;
    }

    private List<String> storedIds() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM rows ORDER BY id").mapTo(String.class)
                .list());
    }
}
