package dev.handoffrail.persistence.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * A pooled connection to the Redis of {@code HR_REDIS_URL} ({@code redis://[user:password@]host:port/db} or
 * {@code rediss://…}). Opening does not connect; {@link #ping()} reports reachability for {@code /ready}.
 * Thread-safe. {@link #toString()} and errors never show the password.
 */
public final class RedisConnection implements AutoCloseable {
    private static final int DEDICATED_TIMEOUT_MILLIS = 2_000;

    private final URI uri;
    private final RedisClient client;

    private RedisConnection(URI uri, RedisClient client) {
        this.uri = uri;
        this.client = client;
    }

    /** Parses and opens {@code url}; an invalid URL is an IllegalArgumentException naming HR_REDIS_URL. */
    public static RedisConnection open(String url) {
        URI uri = parse(url);
        return new RedisConnection(uri, RedisClient.create(uri));
    }

    /** Checks {@code url} without connecting; an invalid URL is an IllegalArgumentException naming HR_REDIS_URL. */
    public static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("HR_REDIS_URL: not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException("HR_REDIS_URL: must start with redis:// or rediss://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("HR_REDIS_URL: needs a host, e.g. redis://localhost:6379/0");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!path.isEmpty() && !path.equals("/") && !path.substring(1).matches("\\d{1,2}")) {
            throw new IllegalArgumentException("HR_REDIS_URL: the path must be a database number, e.g. /0");
        }
        return uri;
    }

    /** Whether Redis answers PING; never throws. */
    public boolean ping() {
        try {
            return "PONG".equalsIgnoreCase(client.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The underlying Jedis client, for the Redis adapters. */
    public RedisClient client() {
        return client;
    }

    /**
     * A connection of its own, outside the pool (pub/sub holds its connection for as long as it listens); the
     * caller closes it. Connects lazily, on the first command.
     */
    public Jedis openDedicated() {
        return new Jedis(JedisURIHelper.getHostAndPort(uri), DefaultJedisClientConfig.builder(uri)
                .connectionTimeoutMillis(DEDICATED_TIMEOUT_MILLIS)
                .socketTimeoutMillis(DEDICATED_TIMEOUT_MILLIS)
                .protocol(RedisProtocol.RESP2)
                .build());
    }

    /** The database number of the URL (0 when it names none). */
    public int database() {
        return JedisURIHelper.getDBIndex(uri);
    }

    /** The URL without credentials, safe to log. */
    public String redacted() {
        String path = uri.getPath() == null ? "" : uri.getPath();
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        return uri.getScheme() + "://" + uri.getHost() + ":" + port + path;
    }

    @Override
    public String toString() {
        return "RedisConnection[" + redacted() + "]";
    }

    @Override
    public void close() {
        client.close();
    }
}
