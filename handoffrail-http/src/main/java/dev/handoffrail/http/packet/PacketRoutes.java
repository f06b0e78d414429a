package dev.handoffrail.http.packet;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.json.JsonWriter;
import dev.handoffrail.core.packet.FieldMessages;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketCursor;
import dev.handoffrail.core.packet.PacketCursors;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketPage;
import dev.handoffrail.core.packet.PacketPatch;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketRules;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.BatchClaimResult;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.BatchCompleteResult;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.BatchCreateResult;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.CreateItem;
import dev.handoffrail.core.port.in.ClaimPacketUseCase.ClaimNextCommand;
import dev.handoffrail.core.port.in.ClaimPacketUseCase.ClaimedPacket;
import dev.handoffrail.core.port.in.Claimant;
import dev.handoffrail.http.route.BodyLimit;
import dev.handoffrail.http.route.JsonFields;
import dev.handoffrail.http.route.QueryParams;
import dev.handoffrail.http.route.Requests;
import dev.handoffrail.http.route.Responses;
import dev.handoffrail.http.route.Route;
import dev.handoffrail.http.route.Routes;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** The packet endpoints of http-api.md §9 (endpoint index 1–14 and 44). */
public final class PacketRoutes {
    static final String PACKETS = "/api/v1/packets";
    static final String PACKET = PACKETS + "/{packet_id}";
    private static final String STATUSES = wireNames(PacketStatus.values());
    private static final String PRIORITIES = wireNames(Priority.values());

    private final HandoffRail rail;

    public PacketRoutes(HandoffRail rail) {
        this.rail = rail;
    }

    public void register(Routes routes) {
        routes.add(Route.get(PACKETS, Operation.READ_PACKETS), this::list);
        routes.add(Route.post(PACKETS, Operation.CREATE_PACKET).jsonBody(BodyLimit.PACKET).idempotent(),
                this::create);
        routes.add(Route.get(PACKETS + "/awaiting", Operation.READ_PACKETS), this::awaiting);
        routes.add(Route.get(PACKETS + "/search", Operation.READ_PACKETS), this::search);
        routes.add(Route.post(PACKETS + "/batch", Operation.CREATE_PACKET).jsonBody(BodyLimit.BATCH).idempotent(),
                this::createBatch);
        routes.add(Route.post(PACKETS + "/batch/claim", Operation.CLAIM_PACKET).jsonBody(BodyLimit.DEFAULT),
                this::claimBatch);
        routes.add(Route.post(PACKETS + "/batch/complete", Operation.COMPLETE_PACKETS).jsonBody(BodyLimit.DEFAULT),
                this::completeBatch);
        routes.add(Route.post(PACKETS + "/claim-next", Operation.CLAIM_PACKET).jsonBody(BodyLimit.DEFAULT),
                this::claimNext);
        routes.add(Route.get(PACKET, Operation.READ_PACKETS), this::get);
        routes.add(Route.patch(PACKET, Operation.UPDATE_PACKET).optionalJsonBody(BodyLimit.PACKET), this::update);
        routes.add(Route.delete(PACKET, Operation.DELETE_PACKET), this::delete);
        routes.add(Route.post(PACKET + "/claim", Operation.CLAIM_PACKET).jsonBody(BodyLimit.DEFAULT), this::claim);
        routes.add(Route.post(PACKET + "/heartbeat", Operation.CLAIM_PACKET).optionalJsonBody(BodyLimit.DEFAULT),
                this::heartbeat);
        routes.add(Route.post(PACKET + "/respond", Operation.RESPOND_TO_CHECKPOINT).jsonBody(BodyLimit.DEFAULT),
                this::respond);
        routes.add(Route.post(PACKET + "/chain", Operation.CREATE_PACKET).jsonBody(BodyLimit.PACKET).idempotent(),
                this::chain);
        routes.add(Route.get(PACKET + "/history", Operation.READ_PACKETS), this::history);
    }

    private void list(Context ctx) {
        QueryParams query = Requests.query(ctx);
        Set<PacketStatus> statuses = query.csvOf("status", PacketStatus::fromWire, STATUSES);
        String sourceAgent = query.string("source_agent").orElse(null);
        String targetAgent = query.string("target_agent").orElse(null);
        Set<String> tags = new LinkedHashSet<>(query.csv("tags"));
        Priority priority = query.one("priority", Priority::fromWire, PRIORITIES);
        Boolean hitlRequired = query.bool("hitl_required");
        int limit = query.limit();
        int offset = query.offset();
        PacketCursor cursor = query.string("cursor").map(PacketCursors::decode).orElse(null);
        PacketQuery filters = new PacketQuery(statuses, sourceAgent, targetAgent, tags, priority, hitlRequired,
                query.timestamp("created_after"), query.timestamp("created_before"), limit, offset, cursor, false);
        Responses.ok(ctx, PacketJson.page(rail.queryPackets().list(Requests.caller(ctx), filters), limit, offset));
    }

    private void awaiting(Context ctx) {
        QueryParams query = Requests.query(ctx);
        int limit = query.limit();
        int offset = query.offset();
        PacketPage page = rail.queryPackets().awaitingHuman(Requests.caller(ctx), limit, offset);
        Responses.ok(ctx, PacketJson.page(page, limit, offset));
    }

    private void search(Context ctx) {
        QueryParams query = Requests.query(ctx);
        String text = query.string("q").orElseThrow(() -> ValidationException.of("q", FieldMessages.REQUIRED));
        Set<PacketStatus> statuses = query.csvOf("status", PacketStatus::fromWire, STATUSES);
        Priority priority = query.one("priority", Priority::fromWire, PRIORITIES);
        int limit = query.limit();
        int offset = query.offset();
        PacketPage page = rail.queryPackets().search(Requests.caller(ctx), text, statuses, priority, limit, offset);
        Responses.ok(ctx, PacketJson.page(page, limit, offset));
    }

    private void create(Context ctx) {
        PacketDraft draft = PacketInputParser.parseDraft(Requests.body(ctx));
        created(ctx, rail.createPacket().create(Requests.caller(ctx), draft));
    }

    private void chain(Context ctx) {
        PacketId parent = packetId(ctx);
        Map<String, Object> body = new LinkedHashMap<>(Requests.body(ctx));
        body.remove("parent_packet_id");
        PacketDraft draft = PacketInputParser.parseDraft(body);
        created(ctx, rail.createPacket().chain(Requests.caller(ctx), parent, draft, leaseToken(ctx)));
    }

    private void get(Context ctx) {
        Responses.ok(ctx, PacketJson.packet(rail.queryPackets().get(Requests.caller(ctx), packetId(ctx))));
    }

    private void update(Context ctx) {
        PacketId id = packetId(ctx);
        PacketPatch patch = PacketInputParser.parsePatch(Requests.body(ctx));
        Packet updated = rail.updatePacket().update(Requests.caller(ctx), id, patch, leaseToken(ctx));
        Responses.ok(ctx, PacketJson.packet(updated));
    }

    private void delete(Context ctx) {
        rail.updatePacket().delete(Requests.caller(ctx), packetId(ctx));
        Responses.noContent(ctx);
    }

    private void claim(Context ctx) {
        PacketId id = packetId(ctx);
        JsonFields fields = Requests.fields(ctx);
        AgentFields agent = agentFields(fields);
        Duration lease = leaseSeconds(fields);
        fields.throwIfAny();
        Responses.ok(ctx, PacketJson.claimed(rail.claimPacket().claim(Requests.caller(ctx), id, agent.toClaimant(),
                lease)));
    }

    /** Extends the caller's lease (issue 14): token in {@value #LEASE_TOKEN}, optional {@code lease_seconds}. */
    private void heartbeat(Context ctx) {
        PacketId id = packetId(ctx);
        JsonFields fields = Requests.fields(ctx);
        Duration lease = leaseSeconds(fields);
        String token = leaseToken(ctx);
        if (token == null) {
            fields.error(LEASE_TOKEN, FieldMessages.REQUIRED);
        }
        fields.throwIfAny();
        Packet extended = rail.claimPacket().heartbeat(Requests.caller(ctx), id, token, lease);
        Responses.ok(ctx, PacketJson.claimed(new ClaimedPacket(extended, token)));
    }

    /** The header carrying a claim lease's token on PATCH and heartbeat. */
    static final String LEASE_TOKEN = "X-HR-Lease-Token";

    private static String leaseToken(Context ctx) {
        String token = ctx.header(LEASE_TOKEN);
        return token == null || token.isBlank() ? null : token.trim();
    }

    /** {@code lease_seconds}: an optional integer; its bounds are the core's rule. */
    private static Duration leaseSeconds(JsonFields fields) {
        Integer seconds = fields.integer("lease_seconds");
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }

    private void respond(Context ctx) {
        PacketId id = packetId(ctx);
        JsonFields fields = Requests.fields(ctx);
        String response = fields.string("response");
        String respondedBy = fields.string("responded_by");
        String notes = fields.string("notes");
        if (!fields.hasErrors()) {
            fields.addAll(PacketRules.validateResponse(response, respondedBy, notes));
        }
        fields.throwIfAny();
        Packet packet = rail.respondToCheckpoint().respond(Requests.caller(ctx), id, response, respondedBy, notes);
        Responses.ok(ctx, PacketJson.packet(packet));
    }

    private void history(Context ctx) {
        PacketId id = packetId(ctx);
        Responses.ok(ctx, PacketJson.history(id.toString(), rail.queryPackets().history(Requests.caller(ctx), id)));
    }

    private void createBatch(Context ctx) {
        JsonFields fields = Requests.fields(ctx);
        fields.requirePresent("packets");
        List<Object> items = fields.array("packets");
        fields.throwIfAny();
        List<CreateItem> packets = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Map<?, ?> item) {
                packets.add(createItem(item));
            } else {
                fields.error("packets[" + i + "]", FieldMessages.OBJECT);
            }
        }
        fields.throwIfAny();
        BatchCreateResult result = rail.batchPackets().createBatch(Requests.caller(ctx), packets);
        Responses.json(ctx, result.created().isEmpty() ? 200 : 201,
                PacketJson.batch("created", result.created(), result.errors()));
    }

    /** A batch item read here, charged by the size of its compact JSON as the core writes it (§5.5). */
    private static CreateItem createItem(Map<?, ?> item) {
        long size = JsonWriter.utf8Length(item);
        try {
            return CreateItem.of(PacketInputParser.parseDraft(item), size);
        } catch (ValidationException e) {
            return CreateItem.unreadable(e, size);
        }
    }

    private void claimBatch(Context ctx) {
        JsonFields fields = Requests.fields(ctx);
        List<PacketId> ids = packetIds(fields);
        AgentFields agent = agentFields(fields);
        fields.throwIfAny();
        BatchClaimResult result = rail.batchPackets().claimBatch(Requests.caller(ctx), ids, agent.toClaimant());
        Responses.ok(ctx, PacketJson.batch("claimed", result.claimed(), result.errors()));
    }

    private void completeBatch(Context ctx) {
        JsonFields fields = Requests.fields(ctx);
        List<PacketId> ids = packetIds(fields);
        fields.throwIfAny();
        BatchCompleteResult result = rail.batchPackets().completeBatch(Requests.caller(ctx), ids);
        Responses.ok(ctx, PacketJson.batch("completed", result.completed(), result.errors()));
    }

    private void claimNext(Context ctx) {
        JsonFields fields = Requests.fields(ctx);
        AgentFields agent = agentFields(fields);
        String targetAgent = fields.string("target_agent");
        List<String> tags = fields.strings("tags");
        Integer waitSeconds = fields.integer("wait_seconds");
        Duration lease = leaseSeconds(fields);
        fields.throwIfAny();
        ClaimNextCommand command = ClaimNextCommand.of(agent.id(), agent.name(), agent.framework(),
                targetAgent == null ? agent.id() : targetAgent, tags,
                Duration.ofSeconds(waitSeconds == null ? 0 : waitSeconds));
        // the wait holds no Jetty thread: the request stays open asynchronously until the core answers
        CompletableFuture<Optional<ClaimedPacket>> claimed = rail.claimPacket().claimNextAsync(Requests.caller(ctx),
                command, lease);
        ctx.future(() -> claimed.thenAccept(taken -> {
            if (taken.isPresent()) {
                Responses.ok(ctx, PacketJson.claimed(taken.get()));
            } else {
                Responses.noContent(ctx);
            }
        }));
    }

    private static void created(Context ctx, Packet packet) {
        Responses.created(ctx, PacketJson.packet(packet), PACKETS + "/" + packet.id());
    }

    private static PacketId packetId(Context ctx) {
        return Requests.pathId(ctx, "packet_id", PacketId::parse, Errors::packetNotFound);
    }

    /** {@code packet_ids}: required, every item a UUID, else the whole request is a 400 (the count is core's rule). */
    private static List<PacketId> packetIds(JsonFields fields) {
        fields.requirePresent("packet_ids");
        List<String> raw = fields.strings("packet_ids");
        if (raw == null) {
            return List.of();
        }
        List<PacketId> ids = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Optional<PacketId> id = PacketId.parse(raw.get(i));
            if (id.isPresent()) {
                ids.add(id.get());
            } else {
                fields.error("packet_ids[" + i + "]", FieldMessages.UUID);
            }
        }
        return ids;
    }

    /** The claimant fields of claim, batch claim and claim-next (§9.8), type-checked; the rules are core's. */
    private static AgentFields agentFields(JsonFields fields) {
        return new AgentFields(fields.string("agent_id"), fields.string("agent_name"), fields.string("framework"));
    }

    private record AgentFields(String id, String name, String framework) {
        Claimant toClaimant() {
            return new Claimant(id, name, framework);
        }
    }

    private static String wireNames(Enum<?>[] values) {
        return Arrays.stream(values).map(value -> value.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
