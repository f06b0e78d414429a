package dev.handoffrail.client.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code PATCH /tenants/{id}} (http-api.md §13.4), where an explicit {@code null} quota means "back to
 * the tier default" and an absent one "unchanged": so it is kept as the members to send, not as a record.
 */
public final class TenantUpdate {
    private final Map<String, Object> members;

    private TenantUpdate(Map<String, Object> members) {
        this.members = Collections.unmodifiableMap(members);
    }

    public static TenantUpdate empty() {
        return new TenantUpdate(new LinkedHashMap<>());
    }

    public TenantUpdate name(String value) {
        return with("name", value);
    }

    public TenantUpdate tier(Tier value) {
        return with("tier", value.wireName());
    }

    /** A new daily allowance; {@code null} resets it to the tier default, 0 means unlimited. */
    public TenantUpdate handoffsPerDay(Integer value) {
        return with("handoffs_per_day", value);
    }

    /** A new key quota; {@code null} resets it to the tier default. */
    public TenantUpdate maxApiKeys(Integer value) {
        return with("max_api_keys", value);
    }

    /** The JSON members to send, in the order they were set. */
    public Map<String, Object> members() {
        return members;
    }

    private TenantUpdate with(String member, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(members);
        next.put(member, value);
        return new TenantUpdate(next);
    }
}
