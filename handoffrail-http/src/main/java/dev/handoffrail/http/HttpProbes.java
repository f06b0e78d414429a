package dev.handoffrail.http;

/**
 * What {@code GET /ready} asks (http-api.md §16) and what system health reports about the process (§15.2),
 * implemented by the app module. Implementations answer quickly (bounded by their own timeouts), are thread-safe
 * and may throw, which counts as "not ready" (or, for {@link #systemInfo()}, as nothing known).
 */
public interface HttpProbes {
    /** Whether the database answers a trivial query. */
    boolean databaseReady();

    /** Whether Redis answers PING; {@code null} when Redis is not configured. */
    Boolean redisReady();

    /**
     * True once the server is shutting down: {@code GET /ready} then answers 503 whatever the database says, so
     * that load balancers stop sending traffic before the listener closes. False by default.
     */
    default boolean draining() {
        return false;
    }

    /** Version, environment, database backend, size and pool; {@link SystemInfo#unknown()} by default. */
    default SystemInfo systemInfo() {
        return SystemInfo.unknown();
    }
}
