package dev.handoffrail.http;

import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.http.route.BodyLimit;
import dev.handoffrail.http.route.JsonFields;
import dev.handoffrail.http.route.QueryParams;
import dev.handoffrail.http.route.Requests;
import dev.handoffrail.http.route.Responses;
import dev.handoffrail.http.route.Route;
import dev.handoffrail.http.route.Routes;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Routes that exercise the pipeline: a small "items" resource echoing what the pipeline handed over. */
final class EchoRoutes implements Consumer<Routes> {
    final AtomicInteger creations = new AtomicInteger();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void accept(Routes routes) {
        routes.add(Route.get("/api/v1/items/{item_id}", Operation.READ_PACKETS), this::get);
        routes.add(Route.get("/api/v1/items", Operation.READ_PACKETS), this::list);
        routes.add(Route.get("/api/v1/items/special", Operation.READ_PACKETS),
                ctx -> Responses.ok(ctx, Map.of("special", true)));
        routes.add(Route.delete("/api/v1/items/{item_id}", Operation.DELETE_PACKET),
                ctx -> Responses.noContent(ctx));
        routes.add(Route.post("/api/v1/items", Operation.CREATE_PACKET).jsonBody(BodyLimit.PACKET).idempotent(),
                this::create);
        routes.add(Route.patch("/api/v1/items/{item_id}", Operation.UPDATE_PACKET)
                .optionalJsonBody(BodyLimit.PACKET), ctx -> Responses.ok(ctx, Requests.body(ctx)));
        routes.add(Route.post("/api/v1/items/typed", Operation.CREATE_PACKET).jsonBody(BodyLimit.DEFAULT),
                this::typed);
        routes.add(Route.get("/api/v1/items/export", Operation.READ_PACKETS), this::export);
        routes.add(Route.post("/api/v1/items/{item_id}/touch", Operation.CLAIM_PACKET),
                ctx -> Responses.ok(ctx, Map.of("touched", ctx.pathParam("item_id"))));
    }

    private void export(Context ctx) throws IOException {
        ctx.header("Content-Disposition", "attachment; filename=\"items.ndjson\"");
        ctx.contentType("application/x-ndjson");
        for (int i = 0; i < 3; i++) {
            ctx.outputStream().write(("{\"line\":" + i + "}\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private void get(Context ctx) {
        if (ctx.pathParam("item_id").equals("boom")) {
            throw new IllegalStateException("secret internal detail");
        }
        Responses.ok(ctx, Map.of("id", ctx.pathParam("item_id"), "tenant", Requests.tenant(ctx).id().value()));
    }

    private void list(Context ctx) {
        QueryParams query = Requests.query(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("limit", query.limit());
        body.put("offset", query.offset());
        body.put("flag", query.bool("flag"));
        body.put("status", query.csvOf("status", PacketStatus::fromWire, "created, claimed").stream()
                .map(PacketStatus::wireName).toList());
        Responses.ok(ctx, body);
    }

    private void create(Context ctx) {
        Map<String, Object> body = Requests.body(ctx);
        if (body.containsKey("invalid")) {
            throw ValidationException.of("invalid", "must not be sent");
        }
        if (body.containsKey("crash")) {
            throw new IllegalStateException("crash");
        }
        if (body.containsKey("block")) {
            entered.countDown();
            await(release);
        }
        int n = creations.incrementAndGet();
        Map<String, Object> created = new LinkedHashMap<>(body);
        created.put("n", n);
        created.put("_links", Map.of("self", "/api/v1/items/" + n));
        Responses.created(ctx, created, "/api/v1/items/" + n);
    }

    private void typed(Context ctx) {
        JsonFields fields = Requests.fields(ctx);
        String name = fields.requiredString("name");
        Integer count = fields.integer("count");
        List<String> tags = fields.strings("tags");
        fields.throwIfAny();
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("name", name);
        echo.put("count", count);
        echo.put("tags", tags);
        Responses.ok(ctx, echo);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
