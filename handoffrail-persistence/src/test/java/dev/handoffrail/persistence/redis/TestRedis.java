package dev.handoffrail.persistence.redis;

/**
 * The local Redis (127.0.0.1:6379) for the Redis adapter tests: each test class names a database index of its own
 * and gets it emptied. Skips outside CI (fails under CI) when no server is there.
 */
final class TestRedis {
    static final String HOST = "127.0.0.1";
    static final int PORT = 6379;

    private TestRedis() {
    }

    /** A connection to database {@code db}, emptied. */
    static RedisConnection emptyDatabase(int db) {
        RedisConnectionTest.requireLocalRedis();
        RedisConnection redis = RedisConnection.open("redis://" + HOST + ":" + PORT + "/" + db);
        redis.client().flushDB();
        return redis;
    }

    /** A connection to database {@code db} through a relay on {@code port}. */
    static RedisConnection through(int port, int db) {
        return RedisConnection.open("redis://" + HOST + ":" + port + "/" + db);
    }
}
