package dev.handoffrail.http.packet;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.json.JsonWriter;
import dev.handoffrail.core.packet.AgentInfo;
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
import dev.handoffrail.core.port.in.Claimant;
import dev.handoffrail.http.route.ApiRequest;
import dev.handoffrail.http.route.BodyLimit;
import dev.handoffrail.http.route.JsonFields;
import dev.handoffrail.http.route.QueryParams;
import dev.handoffrail.http.route.Reply;
import dev.handoffrail.http.route.Route;
import dev.handoffrail.http.route.Routes;
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
        routes.add(Route.post(PACKET + "/respond", Operation.RESPOND_TO_CHECKPOINT).jsonBody(BodyLimit.DEFAULT),
                this::respond);
        routes.add(Route.post(PACKET + "/chain", Operation.CREATE_PACKET).jsonBody(BodyLimit.PACKET).idempotent(),
                this::chain);
        routes.add(Route.get(PACKET + "/history", Operation.READ_PACKETS), this::history);
    }

    private Reply list(ApiRequest request) {
        QueryParams query = request.query();
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
        return Reply.ok(PacketJson.page(rail.queryPackets().list(request.caller(), filters), limit, offset));
    }

    private Reply awaiting(ApiRequest request) {
        int limit = request.query().limit();
        int offset = request.query().offset();
        PacketPage page = rail.queryPackets().awaitingHuman(request.caller(), limit, offset);
        return Reply.ok(PacketJson.page(page, limit, offset));
    }

    private Reply search(ApiRequest request) {
        QueryParams query = request.query();
        String text = query.string("q").orElseThrow(() -> ValidationException.of("q", FieldMessages.REQUIRED));
        Set<PacketStatus> statuses = query.csvOf("status", PacketStatus::fromWire, STATUSES);
        Priority priority = query.one("priority", Priority::fromWire, PRIORITIES);
        int limit = query.limit();
        int offset = query.offset();
        PacketPage page = rail.queryPackets().search(request.caller(), text, statuses, priority, limit, offset);
        return Reply.ok(PacketJson.page(page, limit, offset));
    }

    private Reply create(ApiRequest request) {
        PacketDraft draft = PacketInputParser.parseDraft(request.body());
        return created(rail.createPacket().create(request.caller(), draft));
    }

    private Reply chain(ApiRequest request) {
        PacketId parent = packetId(request);
        Map<String, Object> body = new LinkedHashMap<>(request.body());
        body.remove("parent_packet_id");
        PacketDraft draft = PacketInputParser.parseDraft(body);
        return created(rail.createPacket().chain(request.caller(), parent, draft));
    }

    private Reply get(ApiRequest request) {
        return Reply.ok(PacketJson.packet(rail.queryPackets().get(request.caller(), packetId(request))));
    }

    private Reply update(ApiRequest request) {
        PacketId id = packetId(request);
        PacketPatch patch = PacketInputParser.parsePatch(request.body());
        return Reply.ok(PacketJson.packet(rail.updatePacket().update(request.caller(), id, patch)));
    }

    private Reply delete(ApiRequest request) {
        rail.updatePacket().delete(request.caller(), packetId(request));
        return Reply.noContent();
    }

    private Reply claim(ApiRequest request) {
        PacketId id = packetId(request);
        JsonFields fields = request.fields();
        AgentFields agent = agentFields(fields);
        fields.throwIfAny();
        return Reply.ok(PacketJson.packet(rail.claimPacket().claim(request.caller(), id, agent.toClaimant())));
    }

    private Reply respond(ApiRequest request) {
        PacketId id = packetId(request);
        JsonFields fields = request.fields();
        String response = fields.string("response");
        String respondedBy = fields.string("responded_by");
        String notes = fields.string("notes");
        if (!fields.hasErrors()) {
            fields.addAll(PacketRules.validateResponse(response, respondedBy, notes));
        }
        fields.throwIfAny();
        Packet packet = rail.respondToCheckpoint().respond(request.caller(), id, response, respondedBy, notes);
        return Reply.ok(PacketJson.packet(packet));
    }

    private Reply history(ApiRequest request) {
        PacketId id = packetId(request);
        return Reply.ok(PacketJson.history(id.toString(), rail.queryPackets().history(request.caller(), id)));
    }

    private Reply createBatch(ApiRequest request) {
        JsonFields fields = request.fields();
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
        BatchCreateResult result = rail.batchPackets().createBatch(request.caller(), packets);
        return Reply.json(result.created().isEmpty() ? 200 : 201,
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

    private Reply claimBatch(ApiRequest request) {
        JsonFields fields = request.fields();
        List<PacketId> ids = packetIds(fields);
        AgentFields agent = agentFields(fields);
        fields.throwIfAny();
        BatchClaimResult result = rail.batchPackets().claimBatch(request.caller(), ids, agent.toClaimant());
        return Reply.ok(PacketJson.batch("claimed", result.claimed(), result.errors()));
    }

    private Reply completeBatch(ApiRequest request) {
        JsonFields fields = request.fields();
        List<PacketId> ids = packetIds(fields);
        fields.throwIfAny();
        BatchCompleteResult result = rail.batchPackets().completeBatch(request.caller(), ids);
        return Reply.ok(PacketJson.batch("completed", result.completed(), result.errors()));
    }

    private Reply claimNext(ApiRequest request) {
        JsonFields fields = request.fields();
        AgentFields agent = agentFields(fields);
        String targetAgent = fields.string("target_agent");
        List<String> tags = fields.strings("tags");
        Integer waitSeconds = fields.integer("wait_seconds");
        fields.throwIfAny();
        ClaimNextCommand command = ClaimNextCommand.of(agent.id(), agent.name(), agent.framework(),
                targetAgent == null ? agent.id() : targetAgent, tags,
                Duration.ofSeconds(waitSeconds == null ? 0 : waitSeconds));
        Optional<Packet> claimed = rail.claimPacket().claimNext(request.caller(), command);
        return claimed.map(packet -> Reply.ok(PacketJson.packet(packet))).orElseGet(Reply::noContent);
    }

    private static Reply created(Packet packet) {
        return Reply.created(PacketJson.packet(packet), PACKETS + "/" + packet.id());
    }

    private static PacketId packetId(ApiRequest request) {
        return request.pathId("packet_id", PacketId::parse, Errors::packetNotFound);
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
