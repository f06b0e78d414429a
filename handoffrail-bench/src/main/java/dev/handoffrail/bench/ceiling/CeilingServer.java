package dev.handoffrail.bench.ceiling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * The ceiling the product is measured against: the least a Javalin + Jackson server must do for the same request.
 * Started as its own JVM by the scenario runner:
 * {@code java -cp <bench class path> dev.handoffrail.bench.ceiling.CeilingServer <port> [jdbc-url]}.
 *
 * <ul>
 *   <li>{@code POST /noop}: answers {@code {"ok":true}} without reading the body (the HTTP stack alone);</li>
 *   <li>{@code POST /packets}: parses the body with Jackson, adds an {@code id}, does one plain insert of
 *       {@code (id, body)} and answers 201 with the document rendered back (a create without rules);</li>
 *   <li>{@code POST /packets/durable}: parses the body with Jackson, adds {@code id}, {@code status} and
 *       {@code created_at}, takes the indexed columns and the search text from it ({@link DurablePacket}) and, in
 *       one transaction, does the durable writes a create of the product needs ({@link DurableWrites}: the agents'
 *       active counts read by key, the packet row with the product's secondary and full-text indexes, its tag
 *       rows, an audit row, the daily counter), then answers 201 with the document rendered back. No business
 *       rule, so it tells how much of the gap to {@code /packets} the storage a create needs explains;</li>
 *   <li>{@code POST /packets/durable/{id}/claim} (body {@code {"agent_id", "agent_name", "framework"}}) and
 *       {@code POST /packets/durable/{id}/complete}: in one transaction each, the durable writes of a claim
 *       ({@code created → claimed}, the claimant becomes the target agent) or a complete ({@code claimed →
 *       completed}) of a packet {@code /packets/durable} created ({@link TransitionWrites}: the row read by key
 *       under its row lock, the status checked, the row and its stored document updated, an audit row); 200 with
 *       the document rendered back, 409 when the packet is in another status, 404 when there is none. With the
 *       create, the durable lifecycle ceiling;</li>
 *   <li>{@code GET /health}: 200 once started.</li>
 * </ul>
 *
 * <p>Every route that writes uses the same store: on SQLite one connection under a lock, every transaction
 * committed on its own (no group commit); on PostgreSQL the same pool.
 */
public final class CeilingServer {
    private static final byte[] NOOP_BODY = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper mapper = new ObjectMapper();
    private final CeilingStore store;

    private CeilingServer(CeilingStore store) {
        this.store = store;
    }

    /**
     * Arguments: the port, then optionally the JDBC URL of the database of the routes that write, then optionally
     * the fixed size of PostgreSQL's connection pool (default: the product's default sizes).
     */
    public static void main(String[] args) throws SQLException {
        int port = Integer.parseInt(args[0]);
        int pool = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        CeilingStore store = args.length > 1 ? CeilingStore.open(args[1], pool) : null;
        CeilingServer server = new CeilingServer(store);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
            config.routes.post("/noop", ctx -> ctx.contentType("application/json").result(NOOP_BODY));
            if (store != null) {
                config.routes.post("/packets", server::create);
                config.routes.post("/packets/durable", server::createDurable);
                config.routes.post("/packets/durable/{id}/claim", server::claimDurable);
                config.routes.post("/packets/durable/{id}/complete", server::completeDurable);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            if (store != null) {
                try {
                    store.close();
                } catch (SQLException ignored) {
                    // the process is exiting
                }
            }
        }));
        app.start("127.0.0.1", port);
    }

    private void create(Context ctx) throws Exception {
        ObjectNode document = packetOrRefuse(ctx);
        if (document == null) {
            return;
        }
        UUID id = UUID.randomUUID();
        document.put("id", id.toString());
        String body = mapper.writeValueAsString(document);
        store.insert(id, body);
        ctx.status(201).contentType("application/json").result(body);
    }

    /** The body as a JSON object with {@code metadata}, or null after answering 400. */
    private ObjectNode packetOrRefuse(Context ctx) throws Exception {
        JsonNode packet = mapper.readTree(ctx.bodyAsBytes());
        if (!(packet instanceof ObjectNode document) || !packet.has("metadata")) {
            ctx.status(400).json(Map.of("detail", "metadata is required"));
            return null;
        }
        return document;
    }

    private void createDurable(Context ctx) throws Exception {
        ObjectNode document = packetOrRefuse(ctx);
        if (document == null) {
            return;
        }
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        document.put("id", id.toString());
        document.put("status", DurablePacket.STATUS);
        document.put("created_at", now.toString());
        String body = mapper.writeValueAsString(document);
        DurablePacket durable;
        try {
            durable = DurablePacket.of(id, now, document, body);
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("detail", e.getMessage()));
            return;
        }
        store.insertDurable(durable);
        ctx.status(201).contentType("application/json").result(body);
    }

    private void claimDurable(Context ctx) throws Exception {
        UUID id = idOrRefuse(ctx);
        if (id == null) {
            return;
        }
        JsonNode claimant = mapper.readTree(ctx.bodyAsBytes());
        String agentId = claimant == null ? null : claimant.path("agent_id").textValue();
        if (agentId == null) {
            ctx.status(400).json(Map.of("detail", "agent_id is required"));
            return;
        }
        transition(ctx, DurableTransition.claim(id, agentId, claimant.path("agent_name").textValue(),
                claimant.path("framework").textValue(), Instant.now()));
    }

    private void completeDurable(Context ctx) throws Exception {
        UUID id = idOrRefuse(ctx);
        if (id != null) {
            transition(ctx, DurableTransition.complete(id, Instant.now()));
        }
    }

    /** The {@code id} path parameter, or null after answering 400. */
    private static UUID idOrRefuse(Context ctx) {
        try {
            return UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(Map.of("detail", "id is not a UUID"));
            return null;
        }
    }

    private void transition(Context ctx, DurableTransition transition) throws SQLException {
        DurableTransition.Outcome outcome = store.transitionDurable(transition);
        switch (outcome.result()) {
            case CHANGED -> ctx.status(200).contentType("application/json").result(outcome.body());
            case REFUSED -> ctx.status(409).json(Map.of("detail", "packet is " + outcome.status() + ", not "
                    + transition.step().from));
            case NOT_FOUND -> ctx.status(404).json(Map.of("detail", "no packet " + transition.id()));
            default -> throw new IllegalStateException("unknown outcome " + outcome.result());
        }
    }
}
