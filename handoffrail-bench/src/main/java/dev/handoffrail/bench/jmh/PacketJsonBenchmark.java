package dev.handoffrail.bench.jmh;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketRepresentation;
import dev.handoffrail.core.packet.PacketRules;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.http.json.JsonCodec;
import dev.handoffrail.http.packet.PacketInputParser;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The create path's CPU work outside the database, as the HTTP adapter does it: request bytes to a draft
 * ({@code parse}), the field rules ({@code validate}), and a stored packet to response bytes ({@code render}).
 * The only benchmark that calls HTTP-module classes; adapt it here when the JSON code moves.
 */
@State(Scope.Benchmark)
public class PacketJsonBenchmark extends QuickSettings {
    /** Minimum body size: 0 gives the 2.3 KB scenario body, 65536 a 64 KB body. */
    @Param({"0", "65536"})
    public int bodyBytes;

    private final JsonCodec codec = new JsonCodec(32);
    private byte[] body;
    private PacketDraft draft;
    private Packet packet;

    @Setup(Level.Trial)
    public void setUp() {
        body = PacketDocuments.createBody(bodyBytes);
        draft = PacketInputParser.parseDraft(codec.parseObject(body));
        try (HandoffRail rail = HandoffRail.inMemory()) {
            Caller operator = new Caller(TenantId.DEFAULT, null, null, Role.ADMIN, true);
            Tenant tenant = rail.manageTenants().create(operator, "bench", Tier.BUSINESS, null, null, null);
            packet = rail.createPacket().create(Caller.system(tenant.id()), draft);
        }
    }

    /** Request bytes to a validated-shape draft (JSON parse plus field mapping). */
    @Benchmark
    public PacketDraft parse() {
        return PacketInputParser.parseDraft(codec.parseObject(body));
    }

    /** The field rules of §7.1 on a parsed draft. */
    @Benchmark
    public List<?> validate() {
        return PacketRules.validate(draft);
    }

    /** A packet to its full representation's bytes (§7.2). */
    @Benchmark
    public byte[] render() {
        return codec.write(PacketRepresentation.toJson(packet));
    }
}
