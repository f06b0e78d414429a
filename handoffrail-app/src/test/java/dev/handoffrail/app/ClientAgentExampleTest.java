package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.client.HandoffRailClient;
import dev.handoffrail.client.Worker;
import dev.handoffrail.client.model.AgentInfo;
import dev.handoffrail.client.model.NewPacket;
import dev.handoffrail.client.model.Packet;
import dev.handoffrail.client.model.PacketStatus;
import dev.handoffrail.client.model.Priority;
import dev.handoffrail.client.model.Tier;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The complete agent of docs/client.md, line for line, against the real server. */
class ClientAgentExampleTest {
    @TempDir
    Path dir;

    private final List<String> upgraded = new CopyOnWriteArrayList<>();
    private Worker billing;

    @Test
    void the_documented_agent_hands_off_and_drains_its_queue() {
        try (ClientTestServer server = ClientTestServer.start(dir)) {
            String url = server.url();
            String key = server.newTenant(Tier.BUSINESS).adminKey();

            // --- docs/client.md, "A complete agent" (System.getenv replaced by the test server's values) ---
            HandoffRailClient rail = HandoffRailClient.builder()
                    .baseUrl(url)                                  // e.g. http://localhost:8080
                    .apiKey(key)                                   // a key with role writer and agent
                    .build();

            // the sales agent hands the customer over
            Packet handoff = rail.packets().create(NewPacket.builder()
                    .from("sales-01", "SalesBot").to("billing-01", "BillingBot")
                    .priority(Priority.HIGH).tags("upgrade")
                    .summary("Customer wants to upgrade to the Business plan")
                    .message("user", "I'd like to upgrade today")
                    .custom("customer_id", "cust-789")
                    .build());
            System.out.println("handed off " + handoff.id());

            // the billing agent: claim the next packet (long-polling) under a 60 s lease kept alive by heartbeats,
            // run the handler, complete it; an exception fails the packet and records the error as a failed action
            billing = rail.worker(AgentInfo.of("billing-01", "BillingBot"));
            billing.handle(packet -> {                             // blocks until billing.stop()
                String customer = (String) packet.context().custom().get("customer_id");
                upgrade(customer, packet.summary());               // your code
            });
            // --- end of the example ---

            assertThat(upgraded).containsExactly("cust-789: Customer wants to upgrade to the Business plan");
            assertThat(rail.packets().get(handoff.id()).status()).isEqualTo(PacketStatus.COMPLETED);
        }
    }

    private void upgrade(String customer, String summary) {
        upgraded.add(customer + ": " + summary);
        billing.stop();
    }
}
