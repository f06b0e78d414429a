package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.handoffrail.client.HandoffRailClient;
import dev.handoffrail.client.HandoffRailTransportException;
import dev.handoffrail.client.QuotaExceededException;
import dev.handoffrail.client.RateLimitedException;
import dev.handoffrail.client.RetryPolicy;
import dev.handoffrail.client.Sleeper;
import dev.handoffrail.client.model.AgentInfo;
import dev.handoffrail.client.model.NewPacket;
import dev.handoffrail.client.model.Packet;
import dev.handoffrail.client.model.PacketQuery;
import dev.handoffrail.client.model.TenantUpdate;
import dev.handoffrail.client.model.Tier;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's retries against the real server's 429s and a real closed port. The {@link Sleeper} records each wait
 * instead of sleeping; where a retry should get through, the test lifts the server-side limit during that wait.
 */
class ClientRetryEndToEndTest {
    private static final NewPacket PACKET = NewPacket.builder().from("sales-01", "SalesBot")
            .to("billing-01", "BillingBot").summary("retried").build();

    @TempDir
    static Path dir;
    private static ClientTestServer server;

    @BeforeAll
    static void startServer() {
        server = ClientTestServer.start(dir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void a_429_is_retried_after_the_servers_retry_after_with_the_same_idempotency_key() {
        ClientTestServer.Tenant tenant = server.newTenant(Tier.PRO);
        server.admin().tenants().update(tenant.id(), TenantUpdate.empty().handoffsPerDay(1));
        List<Duration> waits = new CopyOnWriteArrayList<>();
        HandoffRailClient rail = server.client(tenant.adminKey(),
                RetryPolicy.defaults().withMaxRetryAfter(Duration.ofDays(1)), duration -> {
                    waits.add(duration);
                    server.admin().tenants().update(tenant.id(), TenantUpdate.empty().handoffsPerDay(0));
                });
        rail.packets().create(PACKET);
        long untilMidnight = Duration.between(ZonedDateTime.now(ZoneOffset.UTC),
                LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC)).toSeconds();

        Packet created = rail.packets().create(PACKET);

        assertThat(created.summary()).isEqualTo("retried");
        assertThat(waits).hasSize(1);
        assertThat(waits.get(0).toSeconds()).isBetween(untilMidnight - 60, untilMidnight + 60);
        assertThat(rail.packets().list(PacketQuery.all()).total()).isEqualTo(2);
    }

    @Test
    void a_retry_after_longer_than_the_policy_allows_is_not_waited_for() {
        ClientTestServer.Tenant tenant = server.newTenant(Tier.PRO);
        server.admin().tenants().update(tenant.id(), TenantUpdate.empty().handoffsPerDay(1));
        List<Duration> waits = new CopyOnWriteArrayList<>();
        // waits of up to 0 s: the daily refusal asks for at least 1 s, even a second before midnight UTC
        HandoffRailClient rail = server.client(tenant.adminKey(),
                RetryPolicy.defaults().withMaxRetryAfter(Duration.ZERO), waits::add);
        rail.packets().create(PACKET);

        QuotaExceededException e = catchThrowableOfType(QuotaExceededException.class,
                () -> rail.packets().create(PACKET));

        assertThat(e.code()).isEqualTo("DAILY_QUOTA_EXCEEDED");
        assertThat(waits).isEmpty();
    }

    @Test
    void the_per_minute_limit_is_retried_as_often_as_the_policy_allows_waiting_what_the_server_says() {
        ClientTestServer.Tenant tenant = server.newTenant(Tier.FREE);
        List<Duration> waits = new CopyOnWriteArrayList<>();
        HandoffRailClient rail = server.client(tenant.adminKey(), RetryPolicy.defaults().withMaxAttempts(3),
                waits::add);
        for (int i = 0; i < 3; i++) {
            rail.stats();
        }

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, rail::stats);

        assertThat(e.member("window").asText()).isEqualTo("minute");
        assertThat(waits).hasSize(2).allSatisfy(wait -> assertThat(wait.toSeconds()).isBetween(1L, 60L));
        assertThat(e.retryAfter()).isPresent();
    }

    @Test
    void reads_are_retried_with_backoff_when_the_server_cannot_be_reached() throws IOException {
        List<Duration> waits = new CopyOnWriteArrayList<>();
        HandoffRailClient unreachable = HandoffRailClient.builder().baseUrl("http://127.0.0.1:" + closedPort())
                .apiKey(ClientTestServer.ADMIN_KEY).retryPolicy(new RetryPolicy(3, Duration.ofMillis(100),
                        Duration.ofSeconds(1), Duration.ofSeconds(60))).sleeper(waits::add).build();

        HandoffRailTransportException e = catchThrowableOfType(HandoffRailTransportException.class,
                unreachable::stats);

        assertThat(e.statusCode()).isZero();
        assertThat(e.code()).isEqualTo("TRANSPORT_ERROR");
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0).toMillis()).isBetween(50L, 100L);
        assertThat(waits.get(1).toMillis()).isBetween(100L, 200L);
    }

    @Test
    void a_claim_is_not_retried_after_a_transport_failure_since_it_may_have_happened() throws IOException {
        List<Duration> waits = new CopyOnWriteArrayList<>();
        HandoffRailClient unreachable = HandoffRailClient.builder().baseUrl("http://127.0.0.1:" + closedPort())
                .apiKey(ClientTestServer.ADMIN_KEY).sleeper(waits::add).build();

        catchThrowableOfType(HandoffRailTransportException.class, () -> unreachable.packets()
                .claim("00000000-0000-4000-8000-000000000000", AgentInfo.of("a", "A")));

        assertThat(waits).isEmpty();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
