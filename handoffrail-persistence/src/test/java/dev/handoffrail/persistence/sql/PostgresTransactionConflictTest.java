package dev.handoffrail.persistence.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.port.out.TransactionConflictException;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A deadlock PostgreSQL breaks leaves the transactor as {@link TransactionConflictException}, with nothing written. */
class PostgresTransactionConflictTest {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Test
    void of_two_transactions_taking_two_rows_in_opposite_orders_one_commits_and_one_conflicts() throws Exception {
        SqlTransactor transactor = (SqlTransactor) DATABASE.persistence().transactor();
        transactor.write(h -> h.execute("CREATE TABLE IF NOT EXISTS conflict_rows (id INT PRIMARY KEY, "
                + "changes INT NOT NULL)"));
        transactor.write(h -> h.execute("DELETE FROM conflict_rows"));
        transactor.write(h -> h.execute("INSERT INTO conflict_rows VALUES (1, 0), (2, 0)"));
        CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> outcomes = List.of(
                    threads.submit(() -> changeBoth(transactor, 1, 2, bothHoldTheirFirstRow)),
                    threads.submit(() -> changeBoth(transactor, 2, 1, bothHoldTheirFirstRow)));

            assertThat(List.of(outcomes.get(0).get(30, TimeUnit.SECONDS), outcomes.get(1).get(30, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder("committed", "conflict");
        } finally {
            threads.shutdownNow();
        }
        List<Integer> changes = transactor.read(h -> h.createQuery("SELECT changes FROM conflict_rows ORDER BY id")
                .mapTo(Integer.class).list());
        assertThat(changes).containsExactly(1, 1);
    }

    private static String changeBoth(SqlTransactor transactor, int first, int second, CyclicBarrier barrier) {
        try {
            transactor.inTransaction(() -> {
                change(transactor, first);
                try {
                    barrier.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                change(transactor, second);
                return null;
            });
            return "committed";
        } catch (TransactionConflictException e) {
            return "conflict";
        }
    }

    private static void change(SqlTransactor transactor, int id) {
        transactor.write(h -> h.createUpdate("UPDATE conflict_rows SET changes = changes + 1 WHERE id = :id")
                .bind("id", id).execute());
    }
}
