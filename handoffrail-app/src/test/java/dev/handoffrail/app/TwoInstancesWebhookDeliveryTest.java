package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Two application instances on one PostgreSQL database share the outbox: 2,000 deliveries, and every attempt is
 * sent by exactly one of them (counted at the receiver by delivery id and attempt number).
 */
class TwoInstancesWebhookDeliveryTest {
    private static final String ADMIN_KEY = "hr_twoInstancesAdminKey_0123456789abcdef";
    private static final int WEBHOOKS = 10;
    private static final int PACKETS = 200;
    private static final int DELIVERIES = WEBHOOKS * PACKETS;

    @Test
    void two_instances_send_each_attempt_of_2000_deliveries_exactly_once() throws Exception {
        try (LocalPostgres database = LocalPostgres.createOrSkip();
             CountingReceiver receiver = new CountingReceiver(false)) {
            try (Application first = Application.start(AppConfig.fromEnv(env(database)),
                    ApplicationEndToEndTest.quietBanner());
                 Application second = Application.start(AppConfig.fromEnv(env(database)),
                         ApplicationEndToEndTest.quietBanner())) {
                ApiClient one = new ApiClient(first.port(), ADMIN_KEY);
                ApiClient two = new ApiClient(second.port(), ADMIN_KEY);
                for (int i = 0; i < WEBHOOKS; i++) {
                    ApiClient.Reply hook = (i % 2 == 0 ? one : two).send("POST", "/api/v1/hooks", "{\"url\": \""
                            + receiver.url("/hook-" + i) + "\", \"events\": [\"packet.created\"], "
                            + "\"secret\": \"whsec_two_instances_secret\"}");
                    assertThat(hook.status()).as(hook.body().toString()).isEqualTo(201);
                }
                WebhookCrashRecoveryTest.createPackets(one, PACKETS / 2);
                WebhookCrashRecoveryTest.createPackets(two, PACKETS / 2);

                assertThat(receiver.awaitAcknowledged(DELIVERIES, 240_000))
                        .as("acknowledged %d of %d", receiver.acknowledged(), DELIVERIES).isTrue();
            }
            Map<String, Integer> perAttempt = receiver.requestsPerAttempt();
            assertThat(perAttempt.values()).as("requests per delivery id and attempt").containsOnly(1);
            assertThat(receiver.acknowledgedIds()).hasSize(DELIVERIES);
            assertThat(statuses(database)).isEqualTo(Map.of("delivered", DELIVERIES));
        }
    }

    private static Map<String, String> env(LocalPostgres database) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Map.of("HR_DATABASE_URL", database.url(), "HR_PORT", String.valueOf(socket.getLocalPort()),
                    "HR_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY, "HR_LOG_LEVEL", "error", "HR_SHUTDOWN_GRACE_SECONDS", "3",
                    "HR_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1",
                    "HR_TIER_QUOTAS", "{\"business\": {\"requests_per_minute\": 100000, "
                            + "\"requests_per_hour\": 1000000}}");
        }
    }

    private static Map<String, Integer> statuses(LocalPostgres database) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        String url = "jdbc:" + database.url().replace("postgresql://postgres@", "postgresql://") + "?user=postgres";
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT status, count(*) FROM deliveries GROUP BY status")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }
}
