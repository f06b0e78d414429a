package dev.handoffrail.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {
    private ApiHarness api;
    private EchoRoutes routes;
    private String writer;

    @BeforeEach
    void start() {
        routes = new EchoRoutes();
        api = ApiHarness.start(HttpSettings.defaults(), routes);
        writer = api.key(Role.WRITER, Tier.PRO);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void a_repeated_request_replays_the_first_response_without_running_again() {
        TestResponse first = create("{\"a\":1}", "key-1", writer);

        TestResponse second = create("{\"a\":1}", "key-1", writer);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.header("Location")).isEqualTo("/api/v1/items/1");
        assertThat(routes.creations.get()).isEqualTo(1);
    }

    @Test
    void a_replay_is_labelled_json_like_the_response_it_repeats() {
        TestResponse first = create("{\"a\":1}", "key-type", writer);

        TestResponse second = create("{\"a\":1}", "key-type", writer);

        assertThat(first.header("Content-Type")).isEqualToIgnoringWhitespace("application/json; charset=utf-8");
        assertThat(second.header("Content-Type")).isEqualToIgnoringWhitespace("application/json; charset=utf-8");
        assertThat(second.body()).isEqualTo("{\"a\":1,\"n\":1,\"_links\":{\"self\":\"/api/v1/items/1\"}}");
    }

    @Test
    void another_key_of_the_same_tenant_shares_the_key_space() {
        Tenant tenant = api.authenticated(writer).tenant();
        String colleague = api.key(Role.WRITER, tenant);
        create("{\"a\":1}", "shared", writer);

        TestResponse replay = create("{\"a\":1}", "shared", colleague);

        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(routes.creations.get()).isEqualTo(1);
    }

    @Test
    void another_tenant_has_its_own_key_space() {
        String stranger = api.key(Role.WRITER, new Tenant(new TenantId("other"), "Other", Tier.PRO, null, null,
                ApiHarness.START, ApiHarness.START, null));
        create("{\"a\":1}", "same-key", writer);

        TestResponse response = create("{\"a\":1}", "same-key", stranger);

        assertThat(response.header("Idempotent-Replayed")).isNull();
        assertThat(routes.creations.get()).isEqualTo(2);
    }

    @Test
    void the_same_key_with_a_different_body_is_409_reused() {
        create("{\"a\":1}", "key-2", writer);

        TestResponse response = create("{\"a\":2}", "key-2", writer);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json()).containsEntry("code", "IDEMPOTENCY_KEY_REUSED");
        assertThat(routes.creations.get()).isEqualTo(1);
    }

    @Test
    void a_key_still_being_processed_is_409_in_use_with_retry_after() throws Exception {
        CompletableFuture<TestResponse> slow = CompletableFuture.supplyAsync(
                () -> create("{\"block\":true}", "key-3", writer));
        assertThat(routes.entered.await(10, TimeUnit.SECONDS)).isTrue();

        TestResponse concurrent = create("{\"block\":true}", "key-3", writer);
        routes.release.countDown();

        assertThat(concurrent.status()).isEqualTo(409);
        assertThat(concurrent.json()).containsEntry("code", "IDEMPOTENCY_KEY_IN_USE");
        assertThat(concurrent.header("Retry-After")).isEqualTo("1");
        assertThat(slow.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
    }

    @Test
    void a_remembered_client_error_is_replayed_with_the_new_request_id() {
        TestResponse first = create("{\"invalid\":true}", "key-4", writer);

        TestResponse second = api.client.send("POST", "/api/v1/items", "{\"invalid\":true}", "X-API-Key", writer,
                "Idempotency-Key", "key-4", "X-Request-ID", "retry-1");

        assertThat(first.status()).isEqualTo(400);
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.json()).containsEntry("code", "VALIDATION_ERROR").containsEntry("request_id", "retry-1");
    }

    @Test
    void a_server_error_leaves_the_key_free_for_a_retry() {
        TestResponse crashed = create("{\"crash\":true}", "key-5", writer);

        TestResponse retried = create("{\"crash\":true}", "key-5", writer);

        assertThat(crashed.status()).isEqualTo(500);
        assertThat(retried.status()).isEqualTo(500);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void a_malformed_body_is_remembered_like_any_client_error() {
        create("{", "key-6", writer);

        TestResponse second = create("{", "key-6", writer);

        assertThat(second.status()).isEqualTo(400);
        assertThat(second.json()).containsEntry("code", "MALFORMED_JSON");
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void a_malformed_key_is_400_naming_the_header() {
        TestResponse tooLong = create("{}", "k".repeat(256), writer);
        TestResponse empty = create("{}", "", writer);

        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json()).containsEntry("code", "VALIDATION_ERROR")
                .containsEntry("field", "Idempotency-Key");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(routes.creations.get()).isZero();
    }

    @Test
    void a_key_of_255_printable_characters_is_accepted() {
        TestResponse response = create("{}", "~".repeat(255), writer);

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void without_the_header_every_request_runs() {
        api.client.send("POST", "/api/v1/items", "{}", "X-API-Key", writer);
        api.client.send("POST", "/api/v1/items", "{}", "X-API-Key", writer);

        assertThat(routes.creations.get()).isEqualTo(2);
    }

    private TestResponse create(String body, String key, String apiKey) {
        return api.client.send("POST", "/api/v1/items", body, "X-API-Key", apiKey, "Idempotency-Key", key);
    }
}
