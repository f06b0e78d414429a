package dev.handoffrail.http.hook;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.Uuids;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryId;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.WebhookId;
import dev.handoffrail.http.route.BodyLimit;
import dev.handoffrail.http.route.JsonFields;
import dev.handoffrail.http.route.QueryParams;
import dev.handoffrail.http.route.Requests;
import dev.handoffrail.http.route.Responses;
import dev.handoffrail.http.route.Route;
import dev.handoffrail.http.route.Routes;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The webhook endpoints of http-api.md §11 (endpoint index 18–24) and the secret rotation of docs/webhooks.md. {@code /api/v1/hooks/dlq} is a literal
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
        routes.add(Route.post(HOOKS, Operation.MANAGE_WEBHOOKS).jsonBody(BodyLimit.DEFAULT), this::registerWebhook);
        routes.add(Route.get(HOOKS, Operation.MANAGE_WEBHOOKS), this::list);
        routes.add(Route.delete(HOOKS + "/{webhook_id}", Operation.MANAGE_WEBHOOKS), this::deactivate);
        routes.add(Route.get(HOOKS + "/{webhook_id}/deliveries", Operation.MANAGE_WEBHOOKS), this::deliveries);
        routes.add(Route.post(HOOKS + "/{webhook_id}/rotate-secret", Operation.MANAGE_WEBHOOKS)
                .optionalJsonBody(BodyLimit.DEFAULT), this::rotateSecret);
        routes.add(Route.get(DLQ, Operation.MANAGE_WEBHOOKS), this::deadLetters);
        routes.add(Route.post(DLQ + "/{delivery_id}/replay", Operation.MANAGE_WEBHOOKS), this::replay);
        routes.add(Route.post(DLQ + "/retry-all", Operation.RETRY_ALL_DELIVERIES), this::retryAll);
    }

    private void registerWebhook(Context ctx) {
        JsonFields fields = Requests.fields(ctx);
        fields.requirePresent("url");
        String url = fields.string("url");
        Set<EventType> events = events(fields);
        fields.requirePresent("secret");
        String secret = fields.text("secret", MIN_SECRET_LENGTH, MAX_SECRET_LENGTH);
        fields.throwIfAny();
        Responses.json(ctx, 201, HookJson.webhook(rail.manageWebhooks().register(Requests.caller(ctx), url, events,
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

    private void list(Context ctx) {
        Responses.ok(ctx, rail.manageWebhooks().list(Requests.caller(ctx)).stream().map(HookJson::webhook).toList());
    }

    private void deactivate(Context ctx) {
        rail.manageWebhooks().deactivate(Requests.caller(ctx), webhookId(ctx));
        Responses.noContent(ctx);
    }

    /** Optional body {@code {"grace_period_seconds": n}}; the new secret is in this response and nowhere else. */
    private void rotateSecret(Context ctx) {
        WebhookId id = webhookId(ctx);
        JsonFields fields = Requests.fields(ctx);
        Long grace = fields.wholeNumber("grace_period_seconds");
        fields.throwIfAny();
        Responses.ok(ctx, HookJson.rotated(rail.manageWebhooks().rotateSecret(Requests.caller(ctx), id, grace)));
    }

    private void deliveries(Context ctx) {
        QueryParams query = Requests.query(ctx);
        WebhookId id = webhookId(ctx);
        DeliveryStatus status = query.one("status", DeliveryStatus::fromWire, DELIVERY_STATUSES);
        int limit = query.limit();
        int offset = query.offset();
        List<Delivery> deliveries = rail.manageWebhooks().deliveries(Requests.caller(ctx), id, status, limit, offset);
        Responses.ok(ctx, deliveries.stream().map(HookJson::delivery).toList());
    }

    private void deadLetters(Context ctx) {
        QueryParams query = Requests.query(ctx);
        int limit = query.limit();
        int offset = query.offset();
        List<Delivery> entries = rail.manageWebhooks().deadLetters(Requests.caller(ctx), limit, offset);
        Responses.ok(ctx, entries.stream().map(HookJson::deadLetter).toList());
    }

    private void replay(Context ctx) {
        DeliveryId id = Requests.pathId(ctx, "delivery_id", text -> Uuids.parseCanonical(text).map(DeliveryId::new),
                text -> Errors.notFound("Delivery " + text + " not found"));
        Responses.ok(ctx, HookJson.replayed(rail.manageWebhooks().replay(Requests.caller(ctx), id)));
    }

    private void retryAll(Context ctx) {
        Responses.ok(ctx, HookJson.retriedAll(rail.manageWebhooks().retryAll(Requests.caller(ctx))));
    }

    private static WebhookId webhookId(Context ctx) {
        return Requests.pathId(ctx, "webhook_id", text -> Uuids.parseCanonical(text).map(WebhookId::new),
                text -> Errors.notFound("Webhook " + text + " not found"));
    }
}
