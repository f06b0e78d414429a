package dev.handoffrail.core.auth;

import dev.handoffrail.core.error.Errors;

/** Applies the permission matrix: one place that decides whether a caller may perform an operation. */
public final class Permissions {
    private Permissions() {
    }

    /**
     * Throws {@code 403 FORBIDDEN} when the caller's role is below the operation's minimum ("Insufficient
     * permissions. Required role: …") or the operation needs a platform admin ("Platform admin required").
     */
    public static void require(Caller caller, Operation operation) {
        if (operation.platformAdminOnly() && !caller.platformAdmin()) {
            throw Errors.platformAdminRequired();
        }
        if (!caller.role().atLeast(operation.minimumRole())) {
            throw Errors.forbiddenRole(operation.minimumRole().wireName(), caller.role().wireName());
        }
    }

    public static boolean allows(Caller caller, Operation operation) {
        return (!operation.platformAdminOnly() || caller.platformAdmin())
                && caller.role().atLeast(operation.minimumRole());
    }
}
