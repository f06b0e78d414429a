package dev.handoffrail.client;

import static dev.handoffrail.client.Transport.segment;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.handoffrail.client.Transport.Call;
import dev.handoffrail.client.model.ApiKey;
import dev.handoffrail.client.model.NewApiKey;
import java.util.List;

/** API keys (http-api.md §12; admin). Thread-safe. */
public final class KeysApi {
    private static final String KEYS = "/api/v1/keys";
    static final TypeReference<List<ApiKey>> LIST = new TypeReference<>() {
    };

    private final Transport transport;

    KeysApi(Transport transport) {
        this.transport = transport;
    }

    /** {@code POST /keys}: the answer's {@code key()} is the secret, shown this once. */
    public ApiKey create(NewApiKey key) {
        return transport.call(Call.send("POST", KEYS, key), ApiKey.class);
    }

    /** {@code GET /keys}: the caller's tenant's keys, revoked ones included, newest first. */
    public List<ApiKey> list() {
        return transport.call(Call.get(KEYS), LIST);
    }

    /** {@code DELETE /keys/{id}}: revokes it at once. */
    public void revoke(String id) {
        transport.execute(Call.send("DELETE", KEYS + "/" + segment(id), null));
    }

    /** {@code POST /keys/{id}/rotate}: a new key with the same role; the old one is revoked. */
    public ApiKey rotate(String id) {
        return transport.call(Call.send("POST", KEYS + "/" + segment(id) + "/rotate", null), ApiKey.class);
    }
}
