package dev.handoffrail.app;

import dev.handoffrail.core.auth.IssuedApiKey;
import java.io.PrintStream;

/**
 * Prints a generated platform-admin key once, to standard error, in a clearly marked banner (http-api.md §2.3).
 * The key never goes to the structured log.
 */
final class BootstrapBanner {
    private BootstrapBanner() {
    }

    static void print(PrintStream out, IssuedApiKey issued) {
        String rule = "=".repeat(78);
        out.println(rule);
        out.println("  HandoffRail generated the first platform-admin API key (tenant 'default'):");
        out.println();
        out.println("      " + issued.secret());
        out.println();
        out.println("  It is shown this once and cannot be retrieved again. Store it now, then create");
        out.println("  further keys with POST /api/v1/keys. Set HR_BOOTSTRAP_ADMIN_KEY to choose it yourself.");
        out.println(rule);
        out.flush();
    }
}
