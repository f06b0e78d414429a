package dev.handoffrail.app;

import dev.handoffrail.core.tenant.TierQuotaOverrides;
import dev.handoffrail.core.tenant.TierQuotaTable;
import dev.handoffrail.http.error.TransportException;
import dev.handoffrail.http.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The settings whose values are JSON (configuration.md): {@code HR_TIER_QUOTAS} and {@code HR_CORS_ORIGINS},
 * read by the HTTP adapter's Jackson {@link JsonCodec} into the plain values the core and the adapter take. Every
 * problem is an {@link IllegalArgumentException} whose message starts with the variable's name. Stateless and
 * thread-safe.
 */
final class JsonSettings {
    private static final JsonCodec TIER_QUOTAS = new JsonCodec(64);
    private static final JsonCodec CORS_ORIGINS = new JsonCodec(4);

    private JsonSettings() {
    }

    /** {@code base} with the overrides of {@code HR_TIER_QUOTAS} applied; a null or blank value changes nothing. */
    static TierQuotaTable tierQuotas(TierQuotaTable base, String json) {
        if (json == null || json.isBlank()) {
            return base;
        }
        Object root;
        try {
            root = TIER_QUOTAS.parse(json.getBytes(StandardCharsets.UTF_8));
        } catch (TransportException e) {
            throw TierQuotaOverrides.problem("not valid JSON (" + e.detail() + ")");
        }
        if (!(root instanceof Map<?, ?> tiers)) {
            throw TierQuotaOverrides.problem("expected a JSON object mapping tiers to quota objects");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> overrides = (Map<String, ?>) tiers;
        return TierQuotaOverrides.apply(base, overrides);
    }

    /** The origins of {@code HR_CORS_ORIGINS}, trimmed; unset means every origin ({@code ["*"]}). */
    static List<String> corsOrigins(String json) {
        if (json == null) {
            return List.of("*");
        }
        Object parsed;
        try {
            parsed = CORS_ORIGINS.parse(json.getBytes(StandardCharsets.UTF_8));
        } catch (TransportException e) {
            throw new IllegalArgumentException("HR_CORS_ORIGINS: must be a JSON list of origins, e.g. "
                    + "[\"https://app.example.com\"]");
        }
        if (!(parsed instanceof List<?> list)) {
            throw new IllegalArgumentException("HR_CORS_ORIGINS: must be a JSON list of origins");
        }
        List<String> origins = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String origin) || origin.isBlank()) {
                throw new IllegalArgumentException("HR_CORS_ORIGINS: every origin must be a non-empty string");
            }
            origins.add(origin.trim());
        }
        return List.copyOf(origins);
    }
}
