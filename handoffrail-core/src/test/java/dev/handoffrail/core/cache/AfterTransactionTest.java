package dev.handoffrail.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.memory.InMemoryTransactor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AfterTransactionTest {
    private final AfterTransaction transactor = new AfterTransaction(new InMemoryTransactor());
    private final List<String> log = new ArrayList<>();

    @Test
    void outside_a_transaction_an_action_runs_at_once() {
        transactor.afterwards(() -> log.add("ran"));

        assertThat(log).containsExactly("ran");
        assertThat(transactor.inTransaction()).isFalse();
    }

    @Test
    void inside_a_transaction_actions_run_in_order_once_the_outermost_one_has_ended() {
        transactor.run(() -> {
            transactor.afterwards(() -> log.add("first"));
            transactor.run(() -> transactor.afterwards(() -> log.add("nested")));
            log.add("work done");
            assertThat(transactor.inTransaction()).isTrue();
        });

        assertThat(log).containsExactly("work done", "first", "nested");
    }

    @Test
    void actions_run_after_a_rollback_too() {
        assertThatThrownBy(() -> transactor.run(() -> {
            transactor.afterwards(() -> log.add("ran"));
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(log).containsExactly("ran");
    }

    @Test
    void a_failing_action_does_not_stop_the_others() {
        transactor.run(() -> {
            transactor.afterwards(() -> {
                throw new IllegalStateException("boom");
            });
            transactor.afterwards(() -> log.add("second"));
        });

        assertThat(log).containsExactly("second");
    }
}
