package dev.handoffrail.http.route;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.port.out.IdempotencyStore;
import dev.handoffrail.core.port.out.IdempotencyStore.Begin;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.http.error.ErrorBody;
import dev.handoffrail.http.json.JsonCodec;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code Idempotency-Key} protocol of http-api.md §9.16 over the core's {@link IdempotencyStore}: per tenant
 * and key, a hash of method, path and body bytes; a finished 2xx or non-429 4xx response is replayed with
 * {@code Idempotent-Replayed: true}; a different request with the key is {@code 409 IDEMPOTENCY_KEY_REUSED}; a
 * key still running is {@code 409 IDEMPOTENCY_KEY_IN_USE} with {@code Retry-After: 1}. Thread-safe.
 */
final class IdempotentExecution {
    static final String HEADER = "Idempotency-Key";
    static final Duration RETENTION = Duration.ofHours(24);

    private final IdempotencyStore store;
    private final Clock clock;
    private final JsonCodec json;
    private final ReplyWriter writer;

    IdempotentExecution(IdempotencyStore store, Clock clock, JsonCodec json, ReplyWriter writer) {
        this.store = store;
        this.clock = clock;
        this.json = json;
        this.writer = writer;
    }

    /** The request's key (null when absent); {@code 400} with {@code field: Idempotency-Key} when malformed. */
    static String keyOf(Context ctx) {
        String key = ctx.header(HEADER);
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw ValidationException.of(HEADER, "must be 1-255 printable ASCII characters");
        }
        return key;
    }

    void run(Context ctx, TenantId tenant, String key, byte[] body, Supplier<Reply> work) {
        Instant now = clock.instant();
        Begin begin = store.begin(tenant, key, hash(ctx.method().name(), ctx.path(), body), now, now.plus(RETENTION));
        if (begin instanceof Begin.Replay replay) {
            replay(ctx, replay);
            return;
        }
        if (begin instanceof Begin.Mismatch) {
            throw new HandoffRailException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key has already been used for a different request");
        }
        if (begin instanceof Begin.InProgress) {
            throw new HandoffRailException(ErrorCode.IDEMPOTENCY_KEY_IN_USE,
                    "A request with this Idempotency-Key is still being processed", Map.of("retry_after", 1L));
        }
        Reply reply;
        try {
            reply = work.get();
        } catch (HandoffRailException e) {
            ErrorBody error = ErrorBody.of(e, RequestIds.of(ctx));
            finish(tenant, key, error.status(), json.write(error.json()));
            throw e;
        } catch (RuntimeException | Error e) {
            store.release(tenant, key);
            throw e;
        }
        finish(tenant, key, reply.status(), writer.bytesOf(reply));
        writer.write(ctx, reply);
    }

    private void finish(TenantId tenant, String key, int status, byte[] body) {
        boolean remembered = (status >= 200 && status < 300) || (status >= 400 && status < 500 && status != 429);
        if (remembered) {
            store.complete(tenant, key, status, body);
        } else {
            store.release(tenant, key);
        }
    }

    private void replay(Context ctx, Begin.Replay replay) {
        ctx.header("Idempotent-Replayed", "true");
        byte[] body = replay.body();
        Map<String, Object> object = objectOrNull(body);
        if (object != null && replay.status() >= 400 && object.containsKey("request_id")) {
            Map<String, Object> rewritten = new LinkedHashMap<>(object);
            rewritten.put("request_id", RequestIds.of(ctx));
            body = json.write(rewritten);
        }
        if (object != null && replay.status() == 201 && object.get("_links") instanceof Map<?, ?> links
                && links.get("self") instanceof String self) {
            ctx.header("Location", self);
        }
        writer.writeRaw(ctx, replay.status(), body);
    }

    private Map<String, Object> objectOrNull(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return json.parseObject(body);
        } catch (HandoffRailException e) {
            return null;
        }
    }

    static String hash(String method, String path, byte[] body) {
        String normalised = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + ' ' + normalised + '\n').getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
