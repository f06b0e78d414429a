package dev.handoffrail.client;

import static dev.handoffrail.client.Transport.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.handoffrail.client.Transport.Call;
import dev.handoffrail.client.model.AgentInfo;
import dev.handoffrail.client.model.BatchClaimResult;
import dev.handoffrail.client.model.BatchCompleteResult;
import dev.handoffrail.client.model.BatchCreateResult;
import dev.handoffrail.client.model.ClaimNextOptions;
import dev.handoffrail.client.model.Lease;
import dev.handoffrail.client.model.LeasedPacket;
import dev.handoffrail.client.model.NewPacket;
import dev.handoffrail.client.model.Packet;
import dev.handoffrail.client.model.PacketHistory;
import dev.handoffrail.client.model.PacketPage;
import dev.handoffrail.client.model.PacketQuery;
import dev.handoffrail.client.model.PacketStatus;
import dev.handoffrail.client.model.PacketUpdate;
import dev.handoffrail.client.model.Priority;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The packet endpoints (http-api.md §9). Thread-safe; get it from {@link HandoffRailClient#packets()}. */
public final class PacketsApi {
    private static final String PACKETS = "/api/v1/packets";
    /** The header carrying a claim lease's token. */
    static final String LEASE_TOKEN = "X-HR-Lease-Token";

    private final Transport transport;

    PacketsApi(Transport transport) {
        this.transport = transport;
    }

    /** {@code POST /packets} with a fresh {@code Idempotency-Key}, so that retries never create twice. */
    public Packet create(NewPacket packet) {
        return create(packet, newIdempotencyKey());
    }

    /** {@code POST /packets} with the caller's {@code Idempotency-Key} (reuse it to retry across restarts). */
    public Packet create(NewPacket packet, String idempotencyKey) {
        return transport.call(Call.create(PACKETS, packet, idempotencyKey), Packet.class);
    }

    /** {@code POST /packets/batch}: up to 50 packets, each created or failed on its own. */
    public BatchCreateResult createBatch(List<NewPacket> packets) {
        return createBatch(packets, newIdempotencyKey());
    }

    public BatchCreateResult createBatch(List<NewPacket> packets, String idempotencyKey) {
        return transport.call(Call.create(PACKETS + "/batch", Map.of("packets", packets), idempotencyKey),
                BatchCreateResult.class);
    }

    /** {@code POST /packets/{id}/chain}: a follow-up of {@code parentId}, inheriting its conversation. */
    public Packet chain(String parentId, NewPacket child) {
        return chain(parentId, child, newIdempotencyKey());
    }

    public Packet chain(String parentId, NewPacket child, String idempotencyKey) {
        return chain(parentId, child, idempotencyKey, null);
    }

    /**
     * {@code chain} by the parent's leaseholder: {@code leaseToken} (null: none) goes in {@code X-HR-Lease-Token}; a
     * token that does not hold the parent's lease gets {@link LeaseLostException} and creates nothing.
     * {@code idempotencyKey} null: a fresh one.
     */
    public Packet chain(String parentId, NewPacket child, String idempotencyKey, String leaseToken) {
        String key = idempotencyKey == null ? newIdempotencyKey() : idempotencyKey;
        return transport.call(Call.create(PACKETS + "/" + segment(parentId) + "/chain", child, key)
                .header(LEASE_TOKEN, leaseToken), Packet.class);
    }

    /** {@code GET /packets/{id}}. */
    public Packet get(String id) {
        return transport.call(Call.get(PACKETS + "/" + segment(id)), Packet.class);
    }

    /** The first page of {@code GET /packets}. */
    public PacketPage list(PacketQuery query) {
        return list(query, null);
    }

    /** The page after {@code cursor} (a previous page's {@code nextCursor}; null for the first page). */
    public PacketPage list(PacketQuery query, String cursor) {
        Call call = Call.get(PACKETS)
                .param("status", query.statuses().isEmpty() ? null : query.statuses().stream()
                        .map(PacketStatus::wireName).collect(Collectors.joining(",")))
                .param("source_agent", query.sourceAgent())
                .param("target_agent", query.targetAgent())
                .param("tags", query.tags().isEmpty() ? null : String.join(",", query.tags()))
                .param("priority", query.priority() == null ? null : query.priority().wireName())
                .param("hitl_required", query.hitlRequired())
                .param("created_after", query.createdAfter())
                .param("created_before", query.createdBefore())
                .param("limit", query.limit())
                .param("offset", 0)
                .param("cursor", cursor);
        return transport.call(call, PacketPage.class);
    }

    /** Every packet matching {@code query}, newest first, fetched page by page with the cursor as it is used. */
    public Iterable<Packet> iterate(PacketQuery query) {
        return Pages.iterable("", cursor -> page(query, cursor));
    }

    /** {@link #iterate} as a sequential stream. */
    public Stream<Packet> stream(PacketQuery query) {
        return Pages.stream("", cursor -> page(query, cursor));
    }

    private Pages.Page<Packet, String> page(PacketQuery query, String cursor) {
        PacketPage page = list(query, cursor.isEmpty() ? null : cursor);
        return new Pages.Page<>(page.packets(), page.nextCursor());
    }

    /** {@code GET /packets/awaiting}: the human queue, oldest first. */
    public PacketPage awaiting(int limit, int offset) {
        return transport.call(Call.get(PACKETS + "/awaiting").param("limit", limit).param("offset", offset),
                PacketPage.class);
    }

    /** {@code GET /packets/search}: full-text search, best match first. */
    public PacketPage search(String text, int limit, int offset) {
        return search(text, List.of(), null, limit, offset);
    }

    /** Search restricted to {@code statuses} (empty: any) and {@code priority} (null: any). */
    public PacketPage search(String text, List<PacketStatus> statuses, Priority priority, int limit, int offset) {
        Call call = Call.get(PACKETS + "/search").param("q", text)
                .param("status", statuses.isEmpty() ? null : statuses.stream().map(PacketStatus::wireName)
                        .collect(Collectors.joining(",")))
                .param("priority", priority == null ? null : priority.wireName())
                .param("limit", limit).param("offset", offset);
        return transport.call(call, PacketPage.class);
    }

    /** {@code POST /packets/{id}/claim}. Not retried on transport failures: a claim is not idempotent. */
    public Packet claim(String id, AgentInfo agent) {
        return transport.call(Call.send("POST", PACKETS + "/" + segment(id) + "/claim", claimant(agent)),
                Packet.class);
    }

    /**
     * {@code POST /packets/{id}/claim} with {@code lease_seconds}: the claimed packet and its {@link Lease} (send
     * {@link #heartbeat} well within it, and its token with the completion). {@code lease} null claims without a
     * lease (then {@link LeasedPacket#lease()} is null); otherwise whole seconds between 5 and 86,400.
     */
    public LeasedPacket claim(String id, AgentInfo agent, Duration lease) {
        Map<String, Object> body = claimant(agent);
        body.put("lease_seconds", leaseSeconds(lease));
        return leased(transport.execute(Call.send("POST", PACKETS + "/" + segment(id) + "/claim", body)).body());
    }

    /**
     * {@code POST /packets/claim-next}: the next packet for {@code agent}, waiting up to
     * {@code options.waitSeconds()} for one; empty when none came.
     */
    public Optional<Packet> claimNext(AgentInfo agent, ClaimNextOptions options) {
        return claimNext(agent, options, null).map(LeasedPacket::packet);
    }

    /**
     * {@code claimNext} with {@code lease_seconds}: the packet and its {@link Lease}. {@code lease} null claims
     * without a lease (then {@link LeasedPacket#lease()} is null); otherwise whole seconds between 5 and 86,400.
     */
    public Optional<LeasedPacket> claimNext(AgentInfo agent, ClaimNextOptions options, Duration lease) {
        Map<String, Object> body = claimant(agent);
        body.put("target_agent", options.targetAgent());
        body.put("tags", options.tags());
        body.put("wait_seconds", options.waitSeconds());
        body.put("lease_seconds", leaseSeconds(lease));
        Call call = Call.send("POST", PACKETS + "/claim-next", body)
                .longPoll(Duration.ofSeconds(options.waitSeconds()));
        Transport.Answer answer = transport.execute(call);
        if (answer.status() == 204 || answer.body().length == 0) {
            return Optional.empty();
        }
        return Optional.of(leased(answer.body()));
    }

    /**
     * {@code POST /packets/{id}/heartbeat}: extends the lease {@code leaseToken} holds by its own length from now.
     * {@link LeaseLostException} when the token holds no unexpired lease (nothing changed then). Not retried on
     * transport failures: the next heartbeat is the retry.
     */
    public LeasedPacket heartbeat(String id, String leaseToken) {
        return heartbeat(id, leaseToken, null);
    }

    /** {@link #heartbeat(String, String)} extending the lease to {@code lease} from now (null: its own length). */
    public LeasedPacket heartbeat(String id, String leaseToken, Duration lease) {
        if (leaseToken == null || leaseToken.isBlank()) {
            throw new IllegalArgumentException("a heartbeat needs the lease token");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lease_seconds", leaseSeconds(lease));
        return leased(transport.execute(Call.send("POST", PACKETS + "/" + segment(id) + "/heartbeat", body)
                .header(LEASE_TOKEN, leaseToken)).body());
    }

    /** {@code POST /packets/batch/claim}. */
    public BatchClaimResult claimBatch(List<String> ids, AgentInfo agent) {
        Map<String, Object> body = claimant(agent);
        body.put("packet_ids", ids);
        return transport.call(Call.send("POST", PACKETS + "/batch/claim", body), BatchClaimResult.class);
    }

    /** {@code POST /packets/batch/complete}. */
    public BatchCompleteResult completeBatch(List<String> ids) {
        return transport.call(Call.send("POST", PACKETS + "/batch/complete", Map.of("packet_ids", ids)),
                BatchCompleteResult.class);
    }

    /** {@code POST /packets/{id}/respond}: answers the HITL checkpoint; {@code notes} may be null. */
    public Packet respond(String id, String response, String respondedBy, String notes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("response", response);
        body.put("responded_by", respondedBy);
        body.put("notes", notes);
        return transport.call(Call.send("POST", PACKETS + "/" + segment(id) + "/respond", body), Packet.class);
    }

    /** {@code PATCH /packets/{id}}. */
    public Packet update(String id, PacketUpdate update) {
        return update(id, update, null);
    }

    /**
     * {@code PATCH /packets/{id}} by a leaseholder: {@code leaseToken} (null: none) goes in {@code X-HR-Lease-Token}.
     * While the packet holds a lease, moving it to {@code in_progress}, {@code completed} or {@code failed} needs
     * the token; a token that does not hold the lease gets {@link LeaseLostException} and nothing changes.
     */
    public Packet update(String id, PacketUpdate update, String leaseToken) {
        return transport.call(Call.send("PATCH", PACKETS + "/" + segment(id), update).header(LEASE_TOKEN, leaseToken),
                Packet.class);
    }

    /** {@code PATCH {"status": "completed"}}. */
    public Packet complete(String id) {
        return complete(id, null);
    }

    /** {@code PATCH {"status": "completed"}} with the lease's token (null: none). */
    public Packet complete(String id, String leaseToken) {
        return update(id, PacketUpdate.status(PacketStatus.COMPLETED), leaseToken);
    }

    /** {@code PATCH {"status": "failed"}}. */
    public Packet fail(String id) {
        return fail(id, null);
    }

    /** {@code PATCH {"status": "failed"}} with the lease's token (null: none). */
    public Packet fail(String id, String leaseToken) {
        return update(id, PacketUpdate.status(PacketStatus.FAILED), leaseToken);
    }

    /** {@code DELETE /packets/{id}}: moves the packet to {@code expired}. */
    public void delete(String id) {
        transport.execute(Call.send("DELETE", PACKETS + "/" + segment(id), null));
    }

    /** {@code GET /packets/{id}/history}. */
    public PacketHistory history(String id) {
        return transport.call(Call.get(PACKETS + "/" + segment(id) + "/history"), PacketHistory.class);
    }

    private LeasedPacket leased(byte[] body) {
        JsonNode tree = transport.read(body, JsonNode.class);
        Packet packet;
        Lease lease;
        try {
            packet = transport.json().treeToValue(tree, Packet.class);
            JsonNode node = tree.get("lease");
            lease = node == null || node.isNull() ? null : transport.json().treeToValue(node, Lease.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new HandoffRailTransportException("unreadable answer: " + e.getMessage(), e);
        }
        return new LeasedPacket(packet, lease);
    }

    /** {@code lease} as {@code lease_seconds}; null stays null (no lease). */
    private static Long leaseSeconds(Duration lease) {
        if (lease == null) {
            return null;
        }
        if (lease.isNegative() || lease.isZero() || lease.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("a lease is a positive whole number of seconds, got " + lease);
        }
        return lease.toSeconds();
    }

    private static Map<String, Object> claimant(AgentInfo agent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent_id", agent.id());
        body.put("agent_name", agent.name());
        body.put("framework", agent.framework());
        return body;
    }

    static String newIdempotencyKey() {
        return UUID.randomUUID().toString();
    }
}
