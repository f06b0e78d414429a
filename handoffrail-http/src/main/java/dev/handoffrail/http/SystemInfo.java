package dev.handoffrail.http;

/**
 * What only the running application knows about itself, for {@code GET /api/v1/system/health} (http-api.md
 * §15.2). Any member may be null when it is not known. Immutable.
 *
 * @param version the server version
 * @param environment {@code dev}, {@code staging} or {@code prod}
 * @param databaseBackend {@code postgresql} or {@code sqlite}
 * @param dbSizeBytes size of the database on disk
 * @param connectionPool the database connection pool right now
 */
public record SystemInfo(String version, String environment, String databaseBackend, Long dbSizeBytes,
                         ConnectionPool connectionPool) {

    /** Nothing known. */
    public static SystemInfo unknown() {
        return new SystemInfo(null, null, null, null, null);
    }

    /** Connection pool occupancy: connections open, in use, idle, and callers waiting for one. */
    public record ConnectionPool(int size, int active, int idle, int pending) {
    }
}
