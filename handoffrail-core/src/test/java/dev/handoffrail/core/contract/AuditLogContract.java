package dev.handoffrail.core.contract;

import static dev.handoffrail.core.testing.AuditFixtures.anEntry;
import static dev.handoffrail.core.testing.AuditFixtures.historyOf;
import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditPage;
import dev.handoffrail.core.audit.AuditQuery;
import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.port.out.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link AuditLog} contract: history order, query filters and paging, export, purge. */
public abstract class AuditLogContract extends StoreContract {
    private AuditLog audit;
    private Packet packet;
    private Packet otherPacket;

    @BeforeEach
    final void givenPackets() {
        givenTwoTenants();
        audit = stores.audit();
        packet = stored(aPacket());
        otherPacket = stored(aPacket());
    }

    @Test
    void an_appended_entry_is_returned_with_every_field_intact() {
        AuditEntry entry = historyOf(packet.id()).action("claimed").actor("agent:billing-01")
                .details(Map.of("agent_name", "BillingBot", "attempt", 2L, "via", Map.of("api", true)))
                .at(T0.plusNanos(654_321_000)).apiKey(ApiKeyId.random()).build();

        audit.append(List.of(entry));

        assertThat(audit.history(ACME, packet.id())).containsExactly(entry);
    }

    @Test
    void history_is_oldest_first_with_identical_timestamps_in_insertion_order() {
        AuditEntry third = historyOf(packet.id()).action("third").at(T0.plusSeconds(5)).build();
        AuditEntry first = historyOf(packet.id()).action("first").at(T0).build();
        AuditEntry second = historyOf(packet.id()).action("second").at(T0).build();
        AuditEntry fourth = historyOf(packet.id()).action("fourth").at(T0.plusSeconds(5)).build();
        AuditEntry fifth = historyOf(packet.id()).action("fifth").at(T0.plusSeconds(5)).build();

        audit.append(List.of(third));
        audit.append(List.of(first, second));
        audit.append(List.of(fourth, fifth));

        assertThat(audit.history(ACME, packet.id())).containsExactly(first, second, third, fourth, fifth);
    }

    @Test
    void history_holds_only_the_packets_entries_of_its_tenant() {
        AuditEntry own = historyOf(packet.id()).build();
        audit.append(List.of(own, historyOf(otherPacket.id()).build(), anEntry().build()));

        assertThat(audit.history(ACME, packet.id())).containsExactly(own);
        assertThat(audit.history(GLOBEX, packet.id())).isEmpty();
        assertThat(audit.history(ACME, PacketId.random())).isEmpty();
    }

    @Test
    void query_returns_newest_first_with_ties_latest_inserted_first() {
        AuditEntry early = anEntry().action("a").at(T0).build();
        AuditEntry tieFirst = anEntry().action("b").at(T0.plusSeconds(1)).build();
        AuditEntry tieSecond = anEntry().action("c").at(T0.plusSeconds(1)).build();
        AuditEntry late = anEntry().action("d").at(T0.plusSeconds(2)).build();
        audit.append(List.of(early, tieFirst));
        audit.append(List.of(late, tieSecond));

        AuditPage page = audit.query(ACME, everything());

        assertThat(page.entries()).containsExactly(late, tieSecond, tieFirst, early);
        assertThat(page.total()).isEqualTo(4);
    }

    @Test
    void query_filters_one_by_one_with_inclusive_time_bounds() {
        Entries e = givenEntries();

        assertThat(queried(new AuditQuery(AuditResource.PACKET, null, null, null, null, null, 50, 0)))
                .containsExactly(e.claimed(), e.created());
        assertThat(queried(new AuditQuery(null, "key:ops", null, null, null, null, 50, 0)))
                .containsExactly(e.webhookDeleted(), e.claimed());
        assertThat(queried(new AuditQuery(null, null, "created", null, null, null, 50, 0)))
                .containsExactly(e.keyCreated(), e.created());
        assertThat(queried(new AuditQuery(null, null, null, packet.id(), null, null, 50, 0)))
                .containsExactly(e.claimed(), e.created());
        assertThat(queried(new AuditQuery(null, null, null, null, T0.plusSeconds(2), null, 50, 0)))
                .containsExactly(e.webhookDeleted(), e.keyCreated());
        assertThat(queried(new AuditQuery(null, null, null, null, null, T0.plusSeconds(2), 50, 0)))
                .containsExactly(e.keyCreated(), e.claimed(), e.created());
        assertThat(queried(new AuditQuery(null, null, null, null, T0.plusSeconds(2), T0.plusSeconds(2), 50, 0)))
                .containsExactly(e.keyCreated());
    }

    @Test
    void query_combines_filters_and_ignores_other_tenants() {
        Entries e = givenEntries();

        AuditQuery everyFilter = new AuditQuery(AuditResource.PACKET, "key:ops", "claimed", packet.id(), T0,
                T0.plusSeconds(9), 50, 0);
        assertThat(queried(everyFilter)).containsExactly(e.claimed());
        assertThat(audit.query(GLOBEX, everything()).entries())
                .containsExactly(e.foreign());
    }

    @Test
    void query_pages_newest_first_and_totals_every_match() {
        List<AuditEntry> oldestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            oldestFirst.add(anEntry().action("step-" + i).at(T0.plusSeconds(i)).build());
        }
        audit.append(oldestFirst);

        AuditPage page = audit.query(ACME, new AuditQuery(null, null, null, null, null, null, 2, 1));
        AuditPage beyond = audit.query(ACME, new AuditQuery(null, null, null, null, null, null, 2, 5));

        assertThat(page.entries()).containsExactly(oldestFirst.get(3), oldestFirst.get(2));
        assertThat(page.total()).isEqualTo(5);
        assertThat(beyond.entries()).isEmpty();
        assertThat(beyond.total()).isEqualTo(5);
    }

    @Test
    void export_streams_every_match_oldest_first_ignoring_paging() {
        Entries e = givenEntries();
        List<AuditEntry> exported = new ArrayList<>();

        audit.export(ACME, new AuditQuery(null, null, null, null, null, null, 1, 2), exported::add);

        assertThat(exported).containsExactly(e.created(), e.claimed(), e.keyCreated(), e.webhookDeleted());
    }

    @Test
    void export_applies_the_filters() {
        Entries e = givenEntries();
        List<AuditEntry> exported = new ArrayList<>();

        audit.export(ACME, new AuditQuery(null, "key:ops", null, null, null, null, 50, 0), exported::add);

        assertThat(exported).containsExactly(e.claimed(), e.webhookDeleted());
    }

    @Test
    void purging_deletes_only_the_tenants_older_non_packet_entries() {
        Instant before = T0.plusSeconds(10);
        AuditEntry oldKey = anEntry().at(T0).build();
        AuditEntry oldTenant = anEntry().resource(AuditResource.TENANT, "acme").action("updated")
                .at(before.minusNanos(1000)).build();
        AuditEntry atHorizon = anEntry().at(before).build();
        AuditEntry oldHistory = historyOf(packet.id()).at(T0).build();
        AuditEntry foreign = anEntry().tenant(GLOBEX).at(T0).build();
        audit.append(List.of(oldKey, oldTenant, atHorizon, oldHistory, foreign));

        assertThat(audit.purgeNonPacket(ACME, before)).isEqualTo(2);

        assertThat(queried(everything())).containsExactly(atHorizon, oldHistory);
        assertThat(audit.query(GLOBEX, everything()).entries())
                .containsExactly(foreign);
    }

    /** Four ACME entries one second apart, oldest first, and one GLOBEX entry. */
    private record Entries(AuditEntry created, AuditEntry claimed, AuditEntry keyCreated, AuditEntry webhookDeleted,
                           AuditEntry foreign) {
    }

    private Entries givenEntries() {
        AuditEntry created = historyOf(packet.id()).action("created").actor("key:writer").at(T0).build();
        AuditEntry claimed = historyOf(packet.id()).action("claimed").actor("key:ops").at(T0.plusSeconds(1))
                .build();
        AuditEntry keyCreated = anEntry().action("created").actor("key:admin").at(T0.plusSeconds(2)).build();
        AuditEntry webhookDeleted = anEntry().resource(AuditResource.WEBHOOK, "hook-1").action("deleted")
                .actor("key:ops").at(T0.plusSeconds(3)).build();
        AuditEntry foreign = anEntry().tenant(GLOBEX).action("created").actor("key:ops").at(T0).build();
        audit.append(List.of(created, claimed, keyCreated, webhookDeleted, foreign));
        return new Entries(created, claimed, keyCreated, webhookDeleted, foreign);
    }

    private List<AuditEntry> queried(AuditQuery query) {
        return audit.query(ACME, query).entries();
    }

    private static AuditQuery everything() {
        return new AuditQuery(null, null, null, null, null, null, 50, 0);
    }
}
