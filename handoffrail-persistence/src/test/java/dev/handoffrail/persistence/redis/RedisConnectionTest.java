package dev.handoffrail.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisConnectionTest {
    static final String UNREACHABLE =
            "Redis not reachable at 127.0.0.1:6379 — skipping (set CI=true to make this a failure)";

    /** Skips outside CI (fails under CI) when no Redis server listens on 127.0.0.1:6379. */
    static void requireLocalRedis() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 1000);
        } catch (IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("Redis not reachable at 127.0.0.1:6379 and CI=true", e);
            }
            Assumptions.abort(UNREACHABLE);
        }
    }

    @Test
    void a_running_redis_answers_ping() {
        requireLocalRedis();
        try (RedisConnection redis = RedisConnection.open("redis://127.0.0.1:6379/0")) {
            assertThat(redis.ping()).isTrue();
        }
    }

    @Test
    void an_unreachable_redis_is_reported_not_thrown() {
        try (RedisConnection redis = RedisConnection.open("redis://127.0.0.1:1/0")) {
            assertThat(redis.ping()).isFalse();
        }
    }

    @Test
    void the_password_never_shows() {
        try (RedisConnection redis = RedisConnection.open("redis://user:s3cret@127.0.0.1:6379/2")) {
            assertThat(redis.redacted()).isEqualTo("redis://127.0.0.1:6379/2");
            assertThat(redis.toString()).doesNotContain("s3cret");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://localhost:6379/0|HR_REDIS_URL: must start with redis:// or rediss://",
        "localhost:6379|HR_REDIS_URL: must start with redis:// or rediss://",
        "redis:///0|HR_REDIS_URL: needs a host, e.g. redis://localhost:6379/0",
        "redis://localhost:6379/zero|HR_REDIS_URL: the path must be a database number, e.g. /0",
        "redis://local host|HR_REDIS_URL: not a valid URL",
    })
    void invalid_urls_are_refused_with_the_variable_name(String url, String message) {
        assertThatThrownBy(() -> RedisConnection.open(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
