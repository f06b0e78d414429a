package dev.handoffrail.client;

import static dev.handoffrail.client.Transport.segment;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.handoffrail.client.Transport.Call;
import dev.handoffrail.client.model.ApiKey;
import dev.handoffrail.client.model.NewTenant;
import dev.handoffrail.client.model.Tenant;
import dev.handoffrail.client.model.TenantUpdate;
import java.util.List;

/** Tenants (http-api.md §13; platform admin). Thread-safe. */
public final class TenantsApi {
    private static final String TENANTS = "/api/v1/tenants";
    private static final TypeReference<List<Tenant>> LIST = new TypeReference<>() {
    };

    private final Transport transport;

    TenantsApi(Transport transport) {
        this.transport = transport;
    }

    /** {@code POST /tenants}. */
    public Tenant create(NewTenant tenant) {
        return transport.call(Call.send("POST", TENANTS, tenant), Tenant.class);
    }

    /** {@code GET /tenants}: the non-deleted tenants, newest first. */
    public List<Tenant> list() {
        return transport.call(Call.get(TENANTS), LIST);
    }

    /** {@code GET /tenants/{id}}. */
    public Tenant get(String id) {
        return transport.call(Call.get(TENANTS + "/" + segment(id)), Tenant.class);
    }

    /** {@code PATCH /tenants/{id}}. */
    public Tenant update(String id, TenantUpdate update) {
        return transport.call(Call.send("PATCH", TENANTS + "/" + segment(id), update.members()), Tenant.class);
    }

    /** {@code DELETE /tenants/{id}}: soft delete; its keys stop working. */
    public void delete(String id) {
        transport.execute(Call.send("DELETE", TENANTS + "/" + segment(id), null));
    }

    /** {@code GET /tenants/{id}/keys}. */
    public List<ApiKey> keys(String id) {
        return transport.call(Call.get(TENANTS + "/" + segment(id) + "/keys"), KeysApi.LIST);
    }
}
