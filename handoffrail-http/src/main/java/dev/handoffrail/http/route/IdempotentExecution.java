package dev.handoffrail.http.route;

import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.port.in.IdempotencyUseCase;
import dev.handoffrail.core.port.in.IdempotencyUseCase.RememberedResponse;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.http.error.ErrorBody;
import dev.handoffrail.http.error.TransportException;
import dev.handoffrail.http.json.JsonCodec;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP side of the {@code Idempotency-Key} protocol of http-api.md §9.16 over the core's
 * {@link IdempotencyUseCase} (which owns the keys, their expiry and the {@code 409}s): the request is a hash of
 * method, path and body bytes; a finished 2xx or non-429 4xx response (the status and the exact bytes the handler
 * left as the context's result) is remembered and replayed with {@code Idempotent-Replayed: true}. Thread-safe.
 */
final class IdempotentExecution {
    static final String HEADER = "Idempotency-Key";

    private final IdempotencyUseCase store;
    private final JsonCodec json;

    IdempotentExecution(IdempotencyUseCase store, JsonCodec json) {
        this.store = store;
        this.json = json;
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

    /**
     * Runs {@code work} on {@code ctx} once per key: a repeated request gets the remembered response instead; the
     * error of a failed run is remembered as its envelope and rethrown for the error mapper to write.
     */
    void run(Context ctx, TenantId tenant, String key, byte[] body, Handler work) throws Exception {
        Optional<RememberedResponse> remembered = store.begin(tenant, key, hash(ctx.method().name(), ctx.path(),
                body));
        if (remembered.isPresent()) {
            replay(ctx, remembered.get());
            return;
        }
        byte[] result;
        try {
            work.handle(ctx);
            result = resultOf(ctx);
        } catch (HandoffRailException e) {
            remember(tenant, key, ErrorBody.of(e, RequestIds.of(ctx)));
            throw e;
        } catch (TransportException e) {
            remember(tenant, key, ErrorBody.of(e, RequestIds.of(ctx)));
            throw e;
        } catch (Exception | Error e) {
            store.release(tenant, key);
            throw e;
        }
        finish(tenant, key, ctx.statusCode(), result);
    }

    /** The bytes of the response body {@code ctx} holds; a body streamed to the client cannot be remembered. */
    private static byte[] resultOf(Context ctx) throws IOException {
        InputStream result = ctx.resultInputStream();
        if (result == null) {
            return new byte[0];
        }
        if (!result.markSupported()) {
            throw new IllegalStateException("a streamed response cannot be remembered for Idempotency-Key replays");
        }
        result.reset();
        byte[] bytes = result.readAllBytes();
        result.reset();
        return bytes;
    }

    private void remember(TenantId tenant, String key, ErrorBody error) {
        finish(tenant, key, error.status(), json.write(error.json()));
    }

    private void finish(TenantId tenant, String key, int status, byte[] body) {
        boolean remembered = (status >= 200 && status < 300) || (status >= 400 && status < 500 && status != 429);
        if (remembered) {
            store.complete(tenant, key, status, body);
        } else {
            store.release(tenant, key);
        }
    }

    private void replay(Context ctx, RememberedResponse replay) {
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
        Responses.jsonBytes(ctx, replay.status(), body);
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
