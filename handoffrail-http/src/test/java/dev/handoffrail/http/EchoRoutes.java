package dev.handoffrail.http;

import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.http.route.ApiRequest;
import dev.handoffrail.http.route.BodyLimit;
import dev.handoffrail.http.route.JsonFields;
import dev.handoffrail.http.route.Reply;
import dev.handoffrail.http.route.Route;
import dev.handoffrail.http.route.Routes;
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
                request -> Reply.ok(Map.of("special", true)));
        routes.add(Route.delete("/api/v1/items/{item_id}", Operation.DELETE_PACKET), request -> Reply.noContent());
        routes.add(Route.post("/api/v1/items", Operation.CREATE_PACKET).jsonBody(BodyLimit.PACKET).idempotent(),
                this::create);
        routes.add(Route.patch("/api/v1/items/{item_id}", Operation.UPDATE_PACKET)
                .optionalJsonBody(BodyLimit.PACKET), request -> Reply.ok(request.body()));
        routes.add(Route.post("/api/v1/items/typed", Operation.CREATE_PACKET).jsonBody(BodyLimit.DEFAULT),
                this::typed);
        routes.add(Route.get("/api/v1/items/export", Operation.READ_PACKETS),
                request -> Reply.stream("application/x-ndjson", out -> {
                    for (int i = 0; i < 3; i++) {
                        out.write(("{\"line\":" + i + "}\n").getBytes(StandardCharsets.UTF_8));
                    }
                }).withHeader("Content-Disposition", "attachment; filename=\"items.ndjson\""));
        routes.add(Route.post("/api/v1/items/{item_id}/touch", Operation.CLAIM_PACKET),
                request -> Reply.ok(Map.of("touched", request.pathParam("item_id"))));
    }

    private Reply get(ApiRequest request) {
        if (request.pathParam("item_id").equals("boom")) {
            throw new IllegalStateException("secret internal detail");
        }
        return Reply.ok(Map.of("id", request.pathParam("item_id"), "tenant", request.tenant().id().value()));
    }

    private Reply list(ApiRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("limit", request.query().limit());
        body.put("offset", request.query().offset());
        body.put("flag", request.query().bool("flag"));
        body.put("status", request.query().csvOf("status", PacketStatus::fromWire, "created, claimed").stream()
                .map(PacketStatus::wireName).toList());
        return Reply.ok(body);
    }

    private Reply create(ApiRequest request) {
        Map<String, Object> body = request.body();
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
        return Reply.created(created, "/api/v1/items/" + n);
    }

    private Reply typed(ApiRequest request) {
        JsonFields fields = request.fields();
        String name = fields.requiredString("name");
        Integer count = fields.integer("count");
        List<String> tags = fields.strings("tags");
        fields.throwIfAny();
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("name", name);
        echo.put("count", count);
        echo.put("tags", tags);
        return Reply.ok(echo);
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
