package dev.handoffrail.http;

import dev.handoffrail.core.port.out.IdempotencyStore;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Test stand-in for the idempotency store port until the core's in-memory adapter is available. */
public final class FakeIdempotencyStore implements IdempotencyStore {
    private final Map<String, Entry> entries = new HashMap<>();

    @Override
    public synchronized Begin begin(TenantId tenant, String key, String requestHash, Instant now, Instant expiresAt) {
        Entry entry = entries.get(tenant + "/" + key);
        if (entry == null) {
            entries.put(tenant + "/" + key, new Entry(requestHash, null, null));
            return new Begin.Started();
        }
        if (!entry.hash().equals(requestHash)) {
            return new Begin.Mismatch();
        }
        return entry.status() == null ? new Begin.InProgress() : new Begin.Replay(entry.status(), entry.body());
    }

    @Override
    public synchronized void complete(TenantId tenant, String key, int status, byte[] body) {
        Entry entry = entries.get(tenant + "/" + key);
        entries.put(tenant + "/" + key, new Entry(entry.hash(), status, body));
    }

    @Override
    public synchronized void release(TenantId tenant, String key) {
        entries.remove(tenant + "/" + key);
    }

    public synchronized int size() {
        return entries.size();
    }

    private record Entry(String hash, Integer status, byte[] body) {
    }
}
