package dev.handoffrail.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoffrail.bench.load.HttpConnection;
import dev.handoffrail.bench.load.Request;
import dev.handoffrail.bench.load.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Set-up calls against a running HandoffRail through its public API only (tenants, keys, seeding through the batch
 * endpoint), plus the request builders the scenarios share. Not thread-safe (one connection); the requests it
 * builds are immutable and may be sent from any thread.
 */
final class RailClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PACKETS = "/api/v1/packets";
    static final int BATCH_LIMIT = 50;

    private final HttpConnection connection;

    RailClient(int port) {
        this.connection = new HttpConnection(port);
    }

    /** A fresh valid key string: {@code hr_} and 43 base64url characters. */
    static String newKeyString() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return "hr_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Creates a business tenant named {@code name} and returns a new admin key of it. */
    String businessTenantAdminKey(String bootstrapKey, String name) {
        JsonNode tenant = expect(201, post(bootstrapKey, "/api/v1/tenants",
                "{\"name\":\"" + name + "\",\"tier\":\"business\"}"));
        String tenantId = tenant.get("id").asText();
        JsonNode key = expect(201, post(bootstrapKey, "/api/v1/keys",
                "{\"name\":\"bench\",\"role\":\"admin\",\"tenant_id\":\"" + tenantId + "\"}"));
        return key.get("key").asText();
    }

    /** Creates {@code count} packets numbered from {@code first} through the batch endpoint; returns their ids. */
    List<String> seed(String key, long first, int count, String source, String target) {
        List<String> ids = new ArrayList<>(count);
        for (int done = 0; done < count; ) {
            int size = Math.min(BATCH_LIMIT, count - done);
            JsonNode created = expect(201, send(batch(key, first + done, size, source, target))).get("created");
            if (created.size() != size) {
                throw new IllegalStateException("batch created " + created.size() + " of " + size);
            }
            created.forEach(packet -> ids.add(packet.get("id").asText()));
            done += size;
        }
        return ids;
    }

    /** A batch create of {@code size} bodies numbered from {@code first}. */
    static Request batch(String key, long first, int size, String source, String target) {
        StringBuilder body = new StringBuilder(size * 2_500).append("{\"packets\":[");
        for (int i = 0; i < size; i++) {
            body.append(i == 0 ? "" : ",").append(PacketBodies.packet(first + i, source, target));
        }
        return Request.of("POST", PACKETS + "/batch", auth(key), body.append("]}").toString());
    }

    /** {@code POST /packets} with body number {@code n}. */
    static Request create(String key, long n, String source, String target) {
        return Request.of("POST", PACKETS, auth(key), PacketBodies.packet(n, source, target));
    }

    /** {@code POST /packets/{id}/claim} by {@code agent}. */
    static Request claim(String key, String packetId, String agent) {
        return Request.of("POST", PACKETS + "/" + packetId + "/claim", auth(key), claimBody(agent));
    }

    /** The body of a claim by {@code agent}. */
    static String claimBody(String agent) {
        return "{\"agent_id\":\"" + agent + "\",\"agent_name\":\"Bench " + agent + "\",\"framework\":null}";
    }

    /** {@code PATCH /packets/{id}} to {@code completed}. */
    static Request complete(String key, String packetId) {
        return Request.of("PATCH", PACKETS + "/" + packetId, auth(key), "{\"status\":\"completed\"}");
    }

    /** {@code POST /packets/claim-next} for any target, no waiting. */
    static Request claimNext(String key, String agent) {
        return Request.of("POST", PACKETS + "/claim-next", auth(key), "{\"agent_id\":\"" + agent
                + "\",\"agent_name\":\"Worker\",\"framework\":null,\"target_agent\":\"*\",\"wait_seconds\":0}");
    }

    /** The API-key header. */
    static Map<String, String> auth(String key) {
        return Map.of("X-API-Key", key);
    }

    /** The {@code id} member of a JSON response body. */
    static String id(Response response) {
        return parse(response).get("id").asText();
    }

    Response send(Request request) {
        try {
            return connection.send(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response post(String key, String path, String body) {
        return send(Request.of("POST", path, auth(key), body));
    }

    static JsonNode expect(int status, Response response) {
        if (response.status() != status) {
            throw new IllegalStateException("expected " + status + " but got " + response.status() + ": "
                    + response.text().substring(0, Math.min(500, response.text().length())));
        }
        return parse(response);
    }

    static JsonNode parse(Response response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
