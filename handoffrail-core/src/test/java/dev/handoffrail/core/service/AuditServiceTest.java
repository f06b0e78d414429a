package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.ErrorAssertions.assertError;
import static dev.handoffrail.core.service.TestRail.caller;
import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditPage;
import dev.handoffrail.core.audit.AuditQuery;
import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.AuditFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditServiceTest {
    private static final AuditQuery PACKETS = new AuditQuery(AuditResource.PACKET, null, null, null, null, null, 50, 0);
    private static final AuditQuery EVERYTHING = new AuditQuery(null, null, null, null, null, null, 50, 0);

    private final TestRail rail = new TestRail();
    private final AuditService service = new AuditService(rail.stores.audit(), rail.stores.tenants(),
            TestRail.SETTINGS);
    private final PacketId packet = PacketId.random();
    private final AuditEntry older = AuditFixtures.historyOf(packet).action("created").build();
    private final AuditEntry newer = AuditFixtures.historyOf(packet).action("claimed").at(T0.plusSeconds(5)).build();
    private final AuditEntry keyEntry = AuditFixtures.anEntry().action("api_key.created").build();

    @Test
    void a_reader_queries_the_tenants_entries_newest_first_with_the_callers_filters() {
        rail.stores.audit().append(List.of(older, newer, keyEntry,
                AuditFixtures.historyOf(packet).tenant(GLOBEX).build()));

        AuditPage packets = service.query(caller(ACME, Role.READER), PACKETS);
        AuditPage all = service.query(caller(ACME, Role.READER), EVERYTHING);

        assertThat(packets.entries()).containsExactly(newer, older);
        assertThat(packets.total()).isEqualTo(2);
        assertThat(all.total()).isEqualTo(3);
    }

    @Test
    void exporting_streams_every_match_oldest_first_on_a_tier_with_audit_export() {
        rail.tenant(ACME, Tier.BUSINESS);
        rail.stores.audit().append(List.of(newer, older, keyEntry));
        List<AuditEntry> exported = new ArrayList<>();

        service.export(caller(ACME, Role.ADMIN), new AuditQuery(AuditResource.PACKET, null, null, null, null, null,
                1, 0), exported::add);

        assertThat(exported).containsExactly(older, newer);
    }

    @Test
    void exporting_needs_an_admin() {
        rail.tenant(ACME, Tier.BUSINESS);

        assertError(() -> service.export(caller(ACME, Role.WRITER), PACKETS, e -> { }), ErrorCode.FORBIDDEN,
                "Insufficient permissions. Required role: admin, current role: writer");
    }

    @Test
    void exporting_is_unavailable_on_tiers_without_audit_export() {
        rail.tenant(ACME, Tier.PRO);
        rail.stores.audit().append(List.of(older));
        List<AuditEntry> exported = new ArrayList<>();

        assertThatThrownBy(() -> service.export(caller(ACME, Role.ADMIN), PACKETS, exported::add))
                .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TIER_FEATURE_UNAVAILABLE);
                    assertThat(e.extras()).contains(entry("tier", "pro"));
                });
        assertThat(exported).isEmpty();
    }
}
