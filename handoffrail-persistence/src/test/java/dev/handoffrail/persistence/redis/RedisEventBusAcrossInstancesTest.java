package dev.handoffrail.persistence.redis;

import dev.handoffrail.core.contract.EventBusContract;
import dev.handoffrail.core.port.out.EventBus;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The contract across instances: messages are published on one instance's bus and received by subscribers of
 * another's, so every message has travelled through Redis.
 */
class RedisEventBusAcrossInstancesTest extends EventBusContract {
    @Override
    protected EventBus newEventBus() {
        RedisConnectionTest.requireLocalRedis();
        String channel = "handoffrail:test:" + UUID.randomUUID();
        RedisConnection redis = RedisConnection.open("redis://127.0.0.1:6379/0");
        return new TwoInstances(new RedisEventBus(redis, channel), new RedisEventBus(redis, channel), redis);
    }

    /** Publishes on {@code publisher}, subscribes on {@code receiver}. */
    record TwoInstances(RedisEventBus publisher, RedisEventBus receiver, RedisConnection redis) implements EventBus {
        @Override
        public void publish(Message message) {
            publisher.publish(message);
        }

        @Override
        public AutoCloseable subscribe(Consumer<Message> listener) {
            return receiver.subscribe(listener);
        }

        @Override
        public void close() {
            publisher.close();
            receiver.close();
            redis.close();
        }
    }
}
