package dev.handoffrail.http.hook;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.Uuids;
import dev.handoffrail.core.port.in.ManageWebhooksUseCase.RetryAllResult;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryId;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.WebhookId;
import dev.handoffrail.http.route.ApiRequest;
import dev.handoffrail.http.route.BodyLimit;
import dev.handoffrail.http.route.JsonFields;
import dev.handoffrail.http.route.Reply;
import dev.handoffrail.http.route.Route;
import dev.handoffrail.http.route.Routes;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The webhook endpoints of http-api.md §11 (endpoint index 18–24). {@code /api/v1/hooks/dlq} is a literal
 * route, never a webhook id.
 */
public final class HookRoutes {
    static final String HOOKS = "/api/v1/hooks";
    static final String DLQ = HOOKS + "/dlq";
    private static final int MIN_SECRET_LENGTH = 16;
    private static final int MAX_SECRET_LENGTH = 256;
    private static final String EVENT_TYPES =
            String.join(", ", Arrays.stream(EventType.values()).map(EventType::wireName).toList());
    private static final String DELIVERY_STATUSES =
            String.join(", ", Arrays.stream(DeliveryStatus.values()).map(DeliveryStatus::wireName).toList());

    private final HandoffRail rail;

    public HookRoutes(HandoffRail rail) {
        this.rail = rail;
    }

    public void register(Routes routes) {
        routes.add(Route.post(HOOKS, Operation.MANAGE_WEBHOOKS).jsonBody(BodyLimit.DEFAULT), this::register);
        routes.add(Route.get(HOOKS, Operation.MANAGE_WEBHOOKS), this::list);
        routes.add(Route.delete(HOOKS + "/{webhook_id}", Operation.MANAGE_WEBHOOKS), this::deactivate);
        routes.add(Route.get(HOOKS + "/{webhook_id}/deliveries", Operation.MANAGE_WEBHOOKS), this::deliveries);
        routes.add(Route.get(DLQ, Operation.MANAGE_WEBHOOKS), this::deadLetters);
        routes.add(Route.post(DLQ + "/{delivery_id}/replay", Operation.MANAGE_WEBHOOKS), this::replay);
        routes.add(Route.post(DLQ + "/retry-all", Operation.RETRY_ALL_DELIVERIES), this::retryAll);
    }

    private Reply register(ApiRequest request) {
        JsonFields fields = request.fields();
        fields.requirePresent("url");
        String url = fields.string("url");
        Set<EventType> events = events(fields);
        fields.requirePresent("secret");
        String secret = fields.text("secret", MIN_SECRET_LENGTH, MAX_SECRET_LENGTH);
        fields.throwIfAny();
        return Reply.json(201, HookJson.webhook(rail.manageWebhooks().register(request.caller(), url, events,
                secret)));
    }

    /** {@code events}: absent means the default set; otherwise a non-empty list of known types, de-duplicated. */
    private static Set<EventType> events(JsonFields fields) {
        List<String> names = fields.strings("events");
        if (names == null) {
            return null;
        }
        if (names.isEmpty() && !fields.hasErrors()) {
            fields.error("events", "must not be empty");
        }
        Set<EventType> events = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            Optional<EventType> type = EventType.fromWire(names.get(i));
            if (type.isPresent()) {
                events.add(type.get());
            } else {
                fields.error("events[" + i + "]", "must be one of: " + EVENT_TYPES);
            }
        }
        return events;
    }

    private Reply list(ApiRequest request) {
        return Reply.ok(rail.manageWebhooks().list(request.caller()).stream().map(HookJson::webhook).toList());
    }

    private Reply deactivate(ApiRequest request) {
        rail.manageWebhooks().deactivate(request.caller(), webhookId(request));
        return Reply.noContent();
    }

    private Reply deliveries(ApiRequest request) {
        WebhookId id = webhookId(request);
        DeliveryStatus status = request.query().one("status", DeliveryStatus::fromWire, DELIVERY_STATUSES);
        int limit = request.query().limit();
        int offset = request.query().offset();
        List<Delivery> deliveries = rail.manageWebhooks().deliveries(request.caller(), id, status, limit, offset);
        return Reply.ok(deliveries.stream().map(HookJson::delivery).toList());
    }

    private Reply deadLetters(ApiRequest request) {
        int limit = request.query().limit();
        int offset = request.query().offset();
        List<Delivery> entries = rail.manageWebhooks().deadLetters(request.caller(), limit, offset);
        return Reply.ok(entries.stream().map(HookJson::deadLetter).toList());
    }

    private Reply replay(ApiRequest request) {
        DeliveryId id = request.pathId("delivery_id", text -> Uuids.parseCanonical(text).map(DeliveryId::new),
                text -> Errors.notFound("Delivery " + text + " not found"));
        Delivery delivery = rail.manageWebhooks().replay(request.caller(), id);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("delivery_id", delivery.id().toString());
        json.put("replayed", true);
        json.put("status", delivery.status().wireName());
        json.put("attempts", delivery.attempts());
        return Reply.ok(json);
    }

    private Reply retryAll(ApiRequest request) {
        RetryAllResult result = rail.manageWebhooks().retryAll(request.caller());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("retried", result.retried());
        json.put("succeeded", result.succeeded());
        json.put("failed", result.failed());
        return Reply.ok(json);
    }

    private static WebhookId webhookId(ApiRequest request) {
        return request.pathId("webhook_id", text -> Uuids.parseCanonical(text).map(WebhookId::new),
                text -> Errors.notFound("Webhook " + text + " not found"));
    }
}
