package dev.handoffrail.app.cli;

import static dev.handoffrail.app.cli.PacketCommands.parse;

import dev.handoffrail.app.cli.Cli.Output;
import dev.handoffrail.client.HandoffRailClient;
import dev.handoffrail.client.model.ApiKey;
import dev.handoffrail.client.model.NewApiKey;
import dev.handoffrail.client.model.NewTenant;
import dev.handoffrail.client.model.Role;
import dev.handoffrail.client.model.Tenant;
import dev.handoffrail.client.model.TenantUpdate;
import dev.handoffrail.client.model.Tier;
import dev.handoffrail.client.model.Webhook;
import dev.handoffrail.client.model.WebhookDelivery;
import java.util.List;
import java.util.Map;

/** {@code hooks ...}, {@code keys ...} and {@code tenants ...}. */
final class AdminCommands {
    private AdminCommands() {
    }

    static int hooks(HandoffRailClient client, Output output, CliArgs args) {
        String subcommand = args.positional(0, "hooks subcommand");
        switch (subcommand) {
            case "list" -> {
                args.rejectUnknown();
                List<Webhook> hooks = client.hooks().list();
                output.print(hooks, webhookTable(hooks));
            }
            case "create" -> {
                String url = args.positional(1, "webhook URL");
                String secret = args.required("secret");
                List<String> events = args.all("event");
                args.rejectUnknown();
                Webhook hook = client.hooks().create(url, events, secret);
                output.print(hook, webhookTable(List.of(hook)));
            }
            case "delete" -> {
                String id = args.positional(1, "webhook id");
                args.rejectUnknown();
                client.hooks().delete(id);
                output.print(Map.of("id", id, "active", false), "webhook " + id + " deactivated");
            }
            case "deliveries" -> {
                String id = args.positional(1, "webhook id");
                String status = args.option("status");
                Integer limit = args.integer("limit");
                args.rejectUnknown();
                List<WebhookDelivery> deliveries = client.hooks().deliveries(id, status, limit == null ? 50 : limit,
                        0);
                output.print(deliveries, deliveryTable(deliveries));
            }
            case "dlq" -> {
                Integer limit = args.integer("limit");
                args.rejectUnknown();
                List<WebhookDelivery> deliveries = client.hooks().deadLetters(limit == null ? 50 : limit, 0);
                output.print(deliveries, deliveryTable(deliveries));
            }
            case "replay" -> {
                String id = args.positional(1, "delivery id");
                args.rejectUnknown();
                var result = client.hooks().replay(id);
                output.print(result, "delivery " + id + " replayed: " + result.status() + " after "
                        + result.attempts() + " attempt(s)");
            }
            case "retry-all" -> {
                args.rejectUnknown();
                var result = client.hooks().retryAll();
                output.print(result, "retried " + result.retried() + ": " + result.succeeded() + " succeeded, "
                        + result.failed() + " failed");
            }
            default -> throw new UsageException("unknown hooks subcommand '" + subcommand + "'");
        }
        return Cli.OK;
    }

    static int keys(HandoffRailClient client, Output output, CliArgs args) {
        String subcommand = args.positional(0, "keys subcommand");
        switch (subcommand) {
            case "list" -> {
                args.rejectUnknown();
                List<ApiKey> keys = client.keys().list();
                output.print(keys, keyTable(keys));
            }
            case "create" -> {
                String name = args.required("name");
                String role = args.option("role");
                NewApiKey key = new NewApiKey(name, role == null ? Role.READER : parse(() -> Role.fromWire(role)),
                        args.option("tenant"), args.flag("platform-admin") ? Boolean.TRUE : null);
                args.rejectUnknown();
                ApiKey created = client.keys().create(key);
                printNewKey(output, created);
            }
            case "revoke" -> {
                String id = args.positional(1, "key id");
                args.rejectUnknown();
                client.keys().revoke(id);
                output.print(Map.of("id", id, "revoked", true), "key " + id + " revoked");
            }
            case "rotate" -> {
                String id = args.positional(1, "key id");
                args.rejectUnknown();
                printNewKey(output, client.keys().rotate(id));
            }
            default -> throw new UsageException("unknown keys subcommand '" + subcommand + "'");
        }
        return Cli.OK;
    }

    static int tenants(HandoffRailClient client, Output output, CliArgs args) {
        String subcommand = args.positional(0, "tenants subcommand");
        switch (subcommand) {
            case "list" -> {
                args.rejectUnknown();
                List<Tenant> tenants = client.tenants().list();
                output.print(tenants, tenantTable(tenants));
            }
            case "get" -> {
                String id = args.positional(1, "tenant id");
                args.rejectUnknown();
                Tenant tenant = client.tenants().get(id);
                output.print(tenant, tenantTable(List.of(tenant)));
            }
            case "keys" -> {
                String id = args.positional(1, "tenant id");
                args.rejectUnknown();
                List<ApiKey> keys = client.tenants().keys(id);
                output.print(keys, keyTable(keys));
            }
            case "create" -> {
                NewTenant tenant = NewTenant.of(args.required("name")).withId(args.option("id"));
                String tier = args.option("tier");
                if (tier != null) {
                    tenant = tenant.withTier(parse(() -> Tier.fromWire(tier)));
                }
                args.rejectUnknown();
                Tenant created = client.tenants().create(tenant);
                output.print(created, tenantTable(List.of(created)));
            }
            case "update" -> {
                String id = args.positional(1, "tenant id");
                TenantUpdate update = TenantUpdate.empty();
                String name = args.option("name");
                if (name != null) {
                    update = update.name(name);
                }
                String tier = args.option("tier");
                if (tier != null) {
                    update = update.tier(parse(() -> Tier.fromWire(tier)));
                }
                args.rejectUnknown();
                Tenant updated = client.tenants().update(id, update);
                output.print(updated, tenantTable(List.of(updated)));
            }
            case "delete" -> {
                String id = args.positional(1, "tenant id");
                args.rejectUnknown();
                client.tenants().delete(id);
                output.print(Map.of("id", id, "deleted", true), "tenant " + id + " deleted");
            }
            default -> throw new UsageException("unknown tenants subcommand '" + subcommand + "'");
        }
        return Cli.OK;
    }

    /** The secret goes to standard output only, once, as the server shows it only once. */
    private static void printNewKey(Output output, ApiKey key) {
        if (output.json()) {
            output.json(key);
            return;
        }
        keyTable(List.of(key)).print(output.out());
        output.out().println("key (shown only this once): " + key.key());
    }

    private static Table webhookTable(List<Webhook> hooks) {
        Table table = new Table("ID", "URL", "ACTIVE", "EVENTS", "CREATED");
        for (Webhook hook : hooks) {
            table.row(hook.id(), hook.url(), hook.active(), String.join(",", hook.events()), hook.createdAt());
        }
        return table;
    }

    private static Table deliveryTable(List<WebhookDelivery> deliveries) {
        Table table = new Table("ID", "WEBHOOK", "EVENT", "STATUS", "ATTEMPTS", "LAST_ERROR");
        for (WebhookDelivery delivery : deliveries) {
            table.row(delivery.id(), delivery.webhookId(), delivery.eventType(),
                    delivery.status() == null ? "dead_letter" : delivery.status(), delivery.attempts(),
                    delivery.lastError());
        }
        return table;
    }

    private static Table keyTable(List<ApiKey> keys) {
        Table table = new Table("ID", "NAME", "PREFIX", "TENANT", "ROLE", "PLATFORM_ADMIN", "REVOKED", "CREATED");
        for (ApiKey key : keys) {
            table.row(key.id(), key.name(), key.keyPrefix(), key.tenantId(), key.role().wireName(),
                    key.platformAdmin(), key.revoked(), key.createdAt());
        }
        return table;
    }

    private static Table tenantTable(List<Tenant> tenants) {
        Table table = new Table("ID", "NAME", "TIER", "HANDOFFS_PER_DAY", "MAX_API_KEYS", "CREATED");
        for (Tenant tenant : tenants) {
            table.row(tenant.id(), tenant.name(), tenant.tier().wireName(),
                    tenant.handoffsPerDay() == 0 ? "unlimited" : tenant.handoffsPerDay(), tenant.maxApiKeys(),
                    tenant.createdAt());
        }
        return table;
    }
}
