package dev.handoffrail.core.port.in;

import dev.handoffrail.core.auth.ApiKey;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.IssuedApiKey;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import java.util.List;
import java.util.Optional;

/** API key administration (http-api.md §12, §13.6) and the bootstrap of §2.3. */
public interface ManageKeysUseCase {
    /** {@code tenant} null means the caller's; {@code role} null means reader. */
    IssuedApiKey create(Caller caller, String name, Role role, TenantId tenant, boolean platformAdmin);

    List<ApiKey> list(Caller caller);

    /** Platform admin only: the keys of any non-deleted tenant. */
    List<ApiKey> listForTenant(Caller caller, TenantId tenant);

    void revoke(Caller caller, ApiKeyId id);

    IssuedApiKey rotate(Caller caller, ApiKeyId id);

    /** The tier of the tenant {@code key} belongs to, shown with the key (§7.5); empty when that tenant is gone. */
    Optional<Tier> tierOf(ApiKey key);

    /**
     * Start-up provisioning: ensures tenant {@code default}; stores {@code bootstrapKey} as platform admin if given
     * and new; otherwise, when no active platform-admin key exists, issues one. Returns the generated key (to be
     * shown once), or null when none was generated.
     */
    IssuedApiKey bootstrap(String bootstrapKey);
}
