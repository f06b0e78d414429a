package dev.handoffrail.persistence.redis;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.memory.InMemoryEventBus;
import dev.handoffrail.core.port.out.EventBus;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * The {@link EventBus} of several instances sharing one Redis, over Redis pub/sub on one channel. A message
 * published here reaches this instance's subscribers at once, in-process, on the publishing thread (as on
 * {@link InMemoryEventBus}), then travels through Redis, tagged with this instance's id, to the other instances;
 * each instance's subscriber connection skips its own messages, so every local subscriber receives every message
 * exactly once. Remote messages are delivered on one daemon thread per instance, in the order Redis relays them.
 *
 * <p>Best-effort, as the port says: a message published while Redis is unreachable reaches only this instance
 * (one warning per outage, never an exception to the publisher), and messages relayed while the subscriber
 * connection is down are lost; the subscriber reconnects with a backoff from {@value #FIRST_BACKOFF_MILLIS} ms
 * doubling to {@value #MAX_BACKOFF_MILLIS} ms. The per-instance caches' time bound covers what is lost.
 * Thread-safe; {@link #close()} stops the subscriber thread and drops every subscription.
 */
public final class RedisEventBus implements EventBus {
    /** The channel of a deployment: instances on the same Redis database share it. */
    public static final String CHANNEL_PREFIX = "handoffrail:events:";
    static final long FIRST_BACKOFF_MILLIS = 100;
    static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(RedisEventBus.class);

    private final RedisConnection redis;
    private final String channel;
    private final String instance = UUID.randomUUID().toString();
    private final InMemoryEventBus local = new InMemoryEventBus();
    private final AtomicBoolean publishFailing = new AtomicBoolean();
    private final CountDownLatch firstSubscription = new CountDownLatch(1);
    private final Thread subscriber;
    private volatile boolean closed;
    private volatile Relay relay;
    private volatile Jedis connection;
    /** Only touched by the subscriber thread: whether the loss of the subscription has been logged. */
    private boolean subscriptionLost;

    /** Subscribes on {@code channel} at once (on its own thread); publishing works before that completes. */
    public RedisEventBus(RedisConnection redis, String channel) {
        this.redis = requireNonNull(redis, "redis");
        this.channel = requireNonNull(channel, "channel");
        this.subscriber = new Thread(this::subscribeUntilClosed, "handoffrail-redis-events");
        subscriber.setDaemon(true);
        subscriber.start();
    }

    /** The bus of every instance on {@code redis}'s database: channel {@code handoffrail:events:<db>}. */
    public static RedisEventBus open(RedisConnection redis) {
        return new RedisEventBus(redis, CHANNEL_PREFIX + redis.database());
    }

    /** This instance's id, carried by every message it publishes. */
    public String instanceId() {
        return instance;
    }

    /** Waits up to {@code timeout} for the subscriber connection to be established; true when it is. */
    public boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        return firstSubscription.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void publish(Message message) {
        requireNonNull(message, "message");
        local.publish(message);
        if (closed) {
            return;
        }
        String payload = EventCodec.encode(instance, message);
        try {
            redis.client().publish(channel, payload);
            if (publishFailing.compareAndSet(true, false)) {
                LOG.atInfo().setMessage("redis_event_publish_recovered").log();
            }
        } catch (RuntimeException e) {
            if (publishFailing.compareAndSet(false, true)) {
                LOG.atWarn().setMessage("redis_event_publish_failed")
                        .addKeyValue("redis", redis.redacted())
                        .addKeyValue("error", e.getClass().getSimpleName())
                        .log();
            }
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<Message> listener) {
        return local.subscribe(listener);
    }

    @Override
    public void close() {
        closed = true;
        Relay current = relay;
        if (current != null && current.isSubscribed()) {
            try {
                current.unsubscribe();
            } catch (RuntimeException e) {
                // the connection is closed below either way
            }
        }
        Jedis open = connection;
        if (open != null) {
            try {
                open.disconnect();
            } catch (RuntimeException e) {
                // already gone
            }
        }
        subscriber.interrupt();
        try {
            subscriber.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        local.close();
    }

    /** The subscriber thread: (re)connects and relays until closed, backing off after each failure. */
    private void subscribeUntilClosed() {
        long backoff = FIRST_BACKOFF_MILLIS;
        while (!closed) {
            Relay current = new Relay();
            try (Jedis jedis = redis.openDedicated()) {
                connection = jedis;
                relay = current;
                if (!closed) {
                    jedis.subscribe(current, channel);
                }
            } catch (RuntimeException e) {
                if (!closed && !subscriptionLost) {
                    LOG.atWarn().setMessage("redis_event_subscription_lost")
                            .addKeyValue("redis", redis.redacted())
                            .addKeyValue("error", e.getClass().getSimpleName())
                            .log();
                }
                subscriptionLost = true;
            } finally {
                connection = null;
                relay = null;
            }
            if (current.confirmed) {
                backoff = FIRST_BACKOFF_MILLIS;
            }
            if (closed) {
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                // close() interrupts the wait; the loop condition decides
            }
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
    }

    /** One subscriber connection's listener: hands other instances' messages to the local subscribers. */
    private final class Relay extends JedisPubSub {
        private volatile boolean confirmed;

        @Override
        public void onSubscribe(String subscribedChannel, int subscribedChannels) {
            confirmed = true;
            firstSubscription.countDown();
            if (subscriptionLost) {
                subscriptionLost = false;
                LOG.atInfo().setMessage("redis_event_subscription_restored").log();
            }
        }

        @Override
        public void onMessage(String fromChannel, String payload) {
            Optional<EventCodec.Envelope> envelope = EventCodec.decode(payload);
            if (envelope.isEmpty()) {
                LOG.atDebug().setMessage("redis_event_skipped").log();
                return;
            }
            if (!envelope.get().instance().equals(instance)) {
                local.publish(envelope.get().message());
            }
        }
    }
}
