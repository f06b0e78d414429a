package dev.handoffrail.http.key;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.auth.ApiKey;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.http.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The key representation of http-api.md §7.5 as the JSON mapper writes it: contract order, absent as null. */
class KeyResponseTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.000000Z");
    private final JsonCodec codec = new JsonCodec(64);

    @Test
    void a_listed_key_shows_every_member_in_the_contract_order_without_its_secret() {
        ApiKey key = new ApiKey(new ApiKeyId(UUID.fromString("00000000-0000-0000-0000-000000000001")),
                new TenantId("acme"), "ci", "hr_live_ab", "hash", Role.WRITER, false, T0, null, null);

        assertThat(json(KeyResponse.listed(key, Tier.PRO))).isEqualTo(
                "{\"id\":\"00000000-0000-0000-0000-000000000001\",\"name\":\"ci\",\"key_prefix\":\"hr_live_ab\","
                + "\"tenant_id\":\"acme\",\"role\":\"writer\",\"platform_admin\":false,\"tier\":\"pro\","
                + "\"revoked\":false,\"created_at\":\"2026-01-02T03:04:05.000000Z\",\"revoked_at\":null,"
                + "\"last_used_at\":null,\"key\":null}");
    }

    @Test
    void an_issued_key_carries_its_secret_and_a_revoked_one_its_revocation() {
        ApiKey key = new ApiKey(new ApiKeyId(UUID.fromString("00000000-0000-0000-0000-000000000002")),
                new TenantId("acme"), "root", "hr_live_cd", "hash", Role.ADMIN, true, T0, T0.plusSeconds(60),
                T0.plusSeconds(30));

        assertThat(json(KeyResponse.issued(key, null, "hr_live_secret"))).isEqualTo(
                "{\"id\":\"00000000-0000-0000-0000-000000000002\",\"name\":\"root\",\"key_prefix\":\"hr_live_cd\","
                + "\"tenant_id\":\"acme\",\"role\":\"admin\",\"platform_admin\":true,\"tier\":null,\"revoked\":true,"
                + "\"created_at\":\"2026-01-02T03:04:05.000000Z\",\"revoked_at\":\"2026-01-02T03:05:05.000000Z\","
                + "\"last_used_at\":\"2026-01-02T03:04:35.000000Z\",\"key\":\"hr_live_secret\"}");
    }

    private String json(Object value) {
        return new String(codec.write(value), StandardCharsets.UTF_8);
    }
}
