package dev.handoffrail.persistence.sql;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketPage;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.port.in.Claimant;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.MutableClock;
import dev.handoffrail.core.testing.PacketFixtures;
import dev.handoffrail.core.testing.TenantFixtures;
import dev.handoffrail.core.testing.WebhookFixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The statements one create and one claim send to the database once the instance's caches hold the tenant and
 * its webhook subscribers, captured from Jdbi: a fixed list whatever the number of stored packets, in which every
 * statement on {@code packets} goes through the primary key. A tenant on
 * a tier with limits (pro: 10 agents; a daily allowance override) with one webhook, so every quota and the outbox
 * are on the path. The rail's clock stands still, so the cached entries cannot expire however slowly the
 * machine stores the extra packets.
 */
abstract class HotPathStatementScenarios {
    private static final AgentInfo SALES = AgentInfo.of("sales-01", "SalesBot");
    private static final AgentInfo BILLING = AgentInfo.of("billing-01", "BillingBot");

    private final List<String> statements = Collections.synchronizedList(new ArrayList<>());
    private HandoffRail rail;
    private Caller caller;

    abstract TestDatabase database();

    @BeforeEach
    void wireTheRail() {
        SqlPersistence db = database().persistence();
        db.tenants().insert(TenantFixtures.aTenant().id(ACME).tier(Tier.PRO).handoffsPerDay(100_000).build());
        db.webhooks().insert(WebhookFixtures.aWebhook().tenant(ACME).events(EventType.PACKET_CREATED).build());
        rail = HandoffRail.builder().transactor(db.transactor()).packetStore(db.packets())
                .packetStatistics(db.packetStatistics()).auditLog(db.audit())
                .tenantStore(db.tenants()).apiKeyStore(db.keys()).webhookStore(db.webhooks())
                .deliveryStore(db.deliveries()).schemaStore(db.schemas()).dailyHandoffCounter(db.dailyHandoffs())
                .idempotencyStore(db.idempotency()).clock(new MutableClock(Instant.now())).build();
        caller = new Caller(ACME, ApiKeyId.random(), "hr_agent", Role.ADMIN, false);
        db.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                statements.add(context.getRenderedSql().replaceAll("\\s+", " ").trim());
            }
        });
    }

    @AfterEach
    void closeTheRail() {
        database().persistence().jdbi().setSqlLogger(SqlLogger.NOP_SQL_LOGGER);
        rail.close();
    }

    @Test
    void a_create_sends_a_fixed_list_of_statements_whatever_the_number_of_stored_packets() {
        assertFixedStatements(this::create, List.of("SELECT tenant_agents", "INSERT daily_handoffs",
                "INSERT packets", "INSERT audit_log", "INSERT deliveries"));
    }

    @Test
    void a_claim_sends_a_fixed_list_of_statements_whatever_the_number_of_stored_packets() {
        assertFixedStatements(this::claim, List.of("SELECT packets", "SELECT tenant_agents", "UPDATE packets",
                "INSERT audit_log"));
    }

    @Test
    void a_list_page_reads_its_total_from_the_counts_whatever_the_number_of_stored_packets() {
        Supplier<PacketPage> listFirstPage = () -> rail.queryPackets().list(caller, PacketQuery.all());
        Supplier<PacketPage> listCreated = () -> rail.queryPackets().list(caller, new PacketQuery(
                Set.of(PacketStatus.CREATED), null, null, Set.of(), Priority.NORMAL, false, null, null, 50, 0, null,
                false));
        create();

        List<String> few = captured(listFirstPage);
        storeActivePackets(300);
        List<String> many = captured(listFirstPage);

        assertThat(shapes(few)).containsExactly("SELECT packet_counts", "SELECT packets");
        assertThat(many).containsExactlyElementsOf(few).noneMatch(sql -> sql.contains("count("));
        assertThat(listFirstPage.get().total()).isEqualTo(301);
        assertThat(listCreated.get().total()).isEqualTo(301);
        assertThat(shapes(captured(listCreated))).containsExactly("SELECT packet_counts", "SELECT packets");
    }

    /**
     * {@code operation}, once warm, sends {@code expected} (as {@link #shapes}), the same statements again after
     * 300 more active packets, and touches {@code packets} only by key.
     */
    private void assertFixedStatements(Supplier<Packet> operation, List<String> expected) {
        operation.get();

        List<String> few = captured(operation);
        storeActivePackets(300);
        operation.get(); // warm again: storing the packets may outlast the caches' 5 s on a loaded machine
        List<String> many = captured(operation);

        assertThat(shapes(few)).containsExactlyElementsOf(expected);
        assertThat(shapes(many)).containsExactlyElementsOf(expected);
        assertThat(many).containsExactlyElementsOf(few).allSatisfy(HotPathStatementScenarios::isKeyedOnPackets);
    }

    private Packet create() {
        return rail.createPacket().create(caller, PacketDraft.of(SALES, BILLING, "Customer wants to upgrade"));
    }

    private Packet claim() {
        Packet packet = create();
        statements.clear();
        return rail.claimPacket().claim(caller, packet.id(), Claimant.of(AgentInfo.of("worker-01", "Worker")));
    }

    /** Packets of the tenant in an active status naming six agents, stored directly. */
    private void storeActivePackets(int count) {
        for (int i = 0; i < count; i++) {
            database().persistence().packets().insert(PacketFixtures.aPacket().tenant(ACME).source("sales-0" + i % 3)
                    .target("billing-0" + i % 3).build());
        }
    }

    /** A statement reading or writing {@code packets} names one packet by its primary key (or inserts one). */
    private static void isKeyedOnPackets(String sql) {
        if (sql.matches(".*\\b(FROM|UPDATE|INTO) packets\\b.*") && !sql.startsWith("INSERT INTO packets ")) {
            assertThat(sql).containsPattern("\\bp?\\.?id = :id AND p?\\.?tenant_id = :tenant");
        }
    }

    /** Each statement as its verb and first table, e.g. {@code SELECT tenants}, without transaction control. */
    private static List<String> shapes(List<String> sql) {
        return sql.stream()
                .filter(s -> !s.matches("^(BEGIN|COMMIT|SAVEPOINT|RELEASE)\\b.*"))
                .map(s -> s.split(" ")[0] + " " + s.replaceFirst("^.*?\\b(FROM|INTO|UPDATE) (\\w+).*$", "$2"))
                .toList();
    }

    /** The statements {@code work} sent, less any sent before it cleared them. */
    private List<String> captured(Supplier<?> work) {
        statements.clear();
        work.get();
        return List.copyOf(statements);
    }
}
