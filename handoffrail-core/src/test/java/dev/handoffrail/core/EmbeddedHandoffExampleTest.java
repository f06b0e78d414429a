package dev.handoffrail.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.IssuedApiKey;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketPatch;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.in.Claimant;
import org.junit.jupiter.api.Test;

/** The README example: an embedded, in-memory rail carrying one handoff from creation to completion. */
class EmbeddedHandoffExampleTest {

    @Test
    void a_support_agent_hands_a_customer_to_billing() {
        try (HandoffRail rail = HandoffRail.inMemory()) {
            // the first start creates tenant "default" and a platform-admin key, shown only this once
            IssuedApiKey adminKey = rail.manageKeys().bootstrap(null);
            Caller caller = Caller.of(rail.authenticate().authenticate(adminKey.secret()).key());

            AgentInfo support = AgentInfo.of("support-01", "SupportBot");
            AgentInfo billing = AgentInfo.of("billing-01", "BillingBot");
            Packet packet = rail.createPacket().create(caller,
                    PacketDraft.of(support, billing, "Customer wants to upgrade to the business plan"));

            rail.claimPacket().claim(caller, packet.id(), Claimant.of(billing));
            Packet done = rail.updatePacket().update(caller, packet.id(), PacketPatch.status(PacketStatus.COMPLETED));

            assertThat(done.status()).isEqualTo(PacketStatus.COMPLETED);
            assertThat(rail.queryPackets().history(caller, packet.id()))
                    .extracting(AuditEntry::action)
                    .containsExactly("created", "claimed", "completed");
        }
    }
}
