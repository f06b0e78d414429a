package dev.handoffrail.core.tenant;

import dev.handoffrail.core.json.JsonWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies the quota overrides of {@code HR_TIER_QUOTAS} (configuration.md), already read from JSON by the
 * application into plain values: tier names mapped to objects of quota keys ({@code Long} counts and sizes,
 * {@code Boolean} flags), merged over a base table. Unmentioned tiers and keys keep their base values. Every
 * problem is an {@link IllegalArgumentException} whose message starts with {@code HR_TIER_QUOTAS: }. Stateless.
 */
public final class TierQuotaOverrides {
    private static final String VARIABLE = "HR_TIER_QUOTAS";

    private enum Kind { COUNT, SIZE, FLAG }

    private static final Map<String, Kind> KEYS = keys();

    private TierQuotaOverrides() {
    }

    /**
     * {@code base} with {@code overrides} applied in their order: tier names mapped to objects ({@code Map}s) of
     * quota keys and values.
     */
    public static TierQuotaTable apply(TierQuotaTable base, Map<String, ?> overrides) {
        TierQuotaTable table = base;
        for (Map.Entry<String, ?> entry : overrides.entrySet()) {
            String tierName = entry.getKey();
            Tier tier = Tier.fromWire(tierName).orElseThrow(() -> problem("unknown tier '" + tierName
                    + "' (expected free, pro or business)"));
            if (!(entry.getValue() instanceof Map<?, ?> quotas)) {
                throw problem("tier '" + tierName + "' must be an object of quota keys");
            }
            table = table.with(tier, merge(table.quotasFor(tier), quotas, tierName));
        }
        return table;
    }

    /** A problem with the variable: {@code HR_TIER_QUOTAS: <message>}. */
    public static IllegalArgumentException problem(String message) {
        return new IllegalArgumentException(VARIABLE + ": " + message);
    }

    private static TierQuotas merge(TierQuotas quotas, Map<?, ?> overrides, String tierName) {
        Map<String, Object> values = valuesOf(quotas);
        for (Map.Entry<?, ?> entry : overrides.entrySet()) {
            String key = (String) entry.getKey();
            Kind kind = KEYS.get(key);
            if (kind == null) {
                throw problem("unknown key '" + key + "' for tier '" + tierName + "'");
            }
            values.put(key, checked(kind, entry.getValue(), "'" + key + "' for tier '" + tierName + "'"));
        }
        if (overrides.containsKey("handoffs_per_day") && !overrides.containsKey("unlimited_handoffs")) {
            // an operator who sets a daily allowance means it, even on a tier that was unlimited by default
            values.put("unlimited_handoffs", false);
        }
        return quotasOf(values);
    }

    private static Object checked(Kind kind, Object value, String what) {
        if (kind == Kind.FLAG) {
            if (value instanceof Boolean) {
                return value;
            }
            throw problem(what + " must be true or false");
        }
        boolean valid = value instanceof Long number
                && (kind == Kind.COUNT ? number >= -1 : number >= 1 || number == TierQuotas.UNLIMITED);
        if (!valid) {
            throw problem(what + (kind == Kind.COUNT ? " must be an integer >= -1 (-1 = unlimited)"
                    : " must be an integer >= 1, or -1 for unlimited") + ", got " + JsonWriter.write(value));
        }
        return value;
    }

    private static Map<String, Kind> keys() {
        Map<String, Kind> keys = new LinkedHashMap<>();
        keys.put("handoffs_per_day", Kind.COUNT);
        keys.put("unlimited_handoffs", Kind.FLAG);
        keys.put("max_agents", Kind.COUNT);
        keys.put("max_api_keys", Kind.COUNT);
        keys.put("max_packet_size", Kind.SIZE);
        keys.put("requests_per_hour", Kind.COUNT);
        keys.put("requests_per_minute", Kind.COUNT);
        keys.put("max_webhooks", Kind.COUNT);
        keys.put("max_realtime_connections", Kind.COUNT);
        keys.put("retention_days", Kind.COUNT);
        keys.put("audit_export", Kind.FLAG);
        return Map.copyOf(keys);
    }

    private static Map<String, Object> valuesOf(TierQuotas q) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("handoffs_per_day", q.handoffsPerDay());
        values.put("unlimited_handoffs", q.unlimitedHandoffs());
        values.put("max_agents", q.maxAgents());
        values.put("max_api_keys", q.maxApiKeys());
        values.put("max_packet_size", q.maxPacketSize());
        values.put("requests_per_hour", q.requestsPerHour());
        values.put("requests_per_minute", q.requestsPerMinute());
        values.put("max_webhooks", q.maxWebhooks());
        values.put("max_realtime_connections", q.maxRealtimeConnections());
        values.put("retention_days", q.retentionDays());
        values.put("audit_export", q.auditExport());
        return values;
    }

    private static TierQuotas quotasOf(Map<String, Object> v) {
        return new TierQuotas((Long) v.get("handoffs_per_day"), (Boolean) v.get("unlimited_handoffs"),
                (Long) v.get("max_agents"), (Long) v.get("max_api_keys"), (Long) v.get("max_packet_size"),
                (Long) v.get("requests_per_hour"), (Long) v.get("requests_per_minute"),
                (Long) v.get("max_webhooks"), (Long) v.get("max_realtime_connections"),
                (Long) v.get("retention_days"), (Boolean) v.get("audit_export"));
    }
}
