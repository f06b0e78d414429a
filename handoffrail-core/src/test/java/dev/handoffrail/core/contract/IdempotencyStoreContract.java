package dev.handoffrail.core.contract;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.port.out.IdempotencyStore;
import dev.handoffrail.core.port.out.IdempotencyStore.Begin;
import dev.handoffrail.core.testing.Race;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link IdempotencyStore} contract (http-api.md §9.16). */
public abstract class IdempotencyStoreContract extends StoreContract {
    private static final Instant EXPIRES = T0.plus(Duration.ofHours(24));
    private static final byte[] BODY = "{\"id\":\"42\"}".getBytes(StandardCharsets.UTF_8);

    private IdempotencyStore idempotency;

    @BeforeEach
    final void givenTenants() {
        givenTwoTenants();
        idempotency = stores.idempotency();
    }

    @Test
    void a_free_key_is_started_and_then_reported_in_progress() {
        assertThat(begin("key-1", "hash-a", T0)).isInstanceOf(Begin.Started.class);
        assertThat(begin("key-1", "hash-a", T0.plusSeconds(1))).isInstanceOf(Begin.InProgress.class);
    }

    @Test
    void a_completed_key_replays_the_remembered_response() {
        begin("key-1", "hash-a", T0);
        idempotency.complete(ACME, "key-1", 201, BODY);

        Begin again = begin("key-1", "hash-a", T0.plusSeconds(60));

        assertThat(again).isInstanceOf(Begin.Replay.class);
        Begin.Replay replay = (Begin.Replay) again;
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(BODY);
    }

    @Test
    void a_key_used_with_another_request_is_a_mismatch_whether_running_or_completed() {
        begin("running", "hash-a", T0);
        begin("done", "hash-a", T0);
        idempotency.complete(ACME, "done", 200, BODY);

        assertThat(begin("running", "hash-b", T0)).isInstanceOf(Begin.Mismatch.class);
        assertThat(begin("done", "hash-b", T0)).isInstanceOf(Begin.Mismatch.class);
    }

    @Test
    void a_released_key_can_be_started_again_even_with_another_request() {
        begin("key-1", "hash-a", T0);

        idempotency.release(ACME, "key-1");

        assertThat(begin("key-1", "hash-b", T0.plusSeconds(1))).isInstanceOf(Begin.Started.class);
    }

    @Test
    void releasing_a_completed_key_keeps_its_response() {
        begin("key-1", "hash-a", T0);
        idempotency.complete(ACME, "key-1", 201, BODY);

        idempotency.release(ACME, "key-1");

        assertThat(begin("key-1", "hash-a", T0)).isInstanceOf(Begin.Replay.class);
    }

    @Test
    void an_expired_key_is_free_again() {
        begin("key-1", "hash-a", T0);
        idempotency.complete(ACME, "key-1", 201, BODY);

        assertThat(begin("key-1", "hash-b", EXPIRES.plusSeconds(1))).isInstanceOf(Begin.Started.class);
        assertThat(begin("key-1", "hash-b", EXPIRES.plusSeconds(2))).isInstanceOf(Begin.InProgress.class);
    }

    @Test
    void keys_are_scoped_to_their_tenant() {
        begin("key-1", "hash-a", T0);

        assertThat(idempotency.begin(GLOBEX, "key-1", "hash-b", T0, EXPIRES)).isInstanceOf(Begin.Started.class);
    }

    @Test
    void of_sixteen_concurrent_beginnings_with_one_key_exactly_one_starts() throws Exception {
        List<Begin> outcomes = Race.run(16, () -> begin("contended", "hash-a", T0));

        assertThat(outcomes).filteredOn(b -> b instanceof Begin.Started).hasSize(1);
        assertThat(outcomes).filteredOn(b -> b instanceof Begin.InProgress).hasSize(15);
    }

    private Begin begin(String key, String hash, Instant now) {
        return idempotency.begin(ACME, key, hash, now, EXPIRES.plus(Duration.between(T0, now)));
    }
}
