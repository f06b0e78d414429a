package dev.handoffrail.core.testing;

import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;

/** Values shared by every test-data builder: the default tenants and the start of test time. */
public final class Fixtures {
    /** The tenant every builder uses unless told otherwise. */
    public static final TenantId ACME = new TenantId("acme");
    /** A second tenant, for isolation tests. */
    public static final TenantId GLOBEX = new TenantId("globex");
    /** The default creation time of every built value (microsecond precision, like every store). */
    public static final Instant T0 = Instant.parse("2026-05-30T10:00:00Z");

    private Fixtures() {
    }
}
