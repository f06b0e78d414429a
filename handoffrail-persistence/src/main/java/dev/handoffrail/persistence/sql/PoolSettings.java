package dev.handoffrail.persistence.sql;

import java.util.Map;

/**
 * Connection pool sizing (configuration.md): {@code size} connections are kept open (HikariCP minimum idle) and
 * up to {@code maxOverflow} more are opened under load, so the pool never exceeds {@code size + maxOverflow}.
 */
public record PoolSettings(int size, int maxOverflow) {
    public static final int DEFAULT_SIZE = 10;
    public static final int DEFAULT_MAX_OVERFLOW = 10;

    public PoolSettings {
        if (size < 1) {
            throw new IllegalArgumentException("HR_DB_POOL_SIZE must be at least 1");
        }
        if (maxOverflow < 0) {
            throw new IllegalArgumentException("HR_DB_MAX_OVERFLOW must be at least 0");
        }
    }

    public static PoolSettings defaults() {
        return new PoolSettings(DEFAULT_SIZE, DEFAULT_MAX_OVERFLOW);
    }

    /** Reads {@code HR_DB_POOL_SIZE} and {@code HR_DB_MAX_OVERFLOW}; a bad value names its variable. */
    public static PoolSettings fromEnv(Map<String, String> env) {
        return new PoolSettings(integer(env, "HR_DB_POOL_SIZE", DEFAULT_SIZE, 1),
                integer(env, "HR_DB_MAX_OVERFLOW", DEFAULT_MAX_OVERFLOW, 0));
    }

    private static int integer(Map<String, String> env, String name, int fallback, int minimum) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= minimum && value <= 1_000) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name
        }
        throw new IllegalArgumentException(name + " must be an integer from " + minimum + " to 1000, got '"
                + text.strip() + "'");
    }

    /** HikariCP's minimum idle. */
    public int minimumIdle() {
        return size;
    }

    /** HikariCP's maximum pool size. */
    public int maximumPoolSize() {
        return size + maxOverflow;
    }
}
