package dev.handoffrail.persistence.redis;

import dev.handoffrail.core.contract.EventBusContract;
import dev.handoffrail.core.port.out.EventBus;
import java.util.UUID;

/** The contract on one instance: local subscribers, with every message also travelling through Redis. */
class RedisEventBusTest extends EventBusContract {
    @Override
    protected EventBus newEventBus() {
        RedisConnectionTest.requireLocalRedis();
        RedisConnection redis = RedisConnection.open("redis://127.0.0.1:6379/0");
        return new ClosingBus(new RedisEventBus(redis, "handoffrail:test:" + UUID.randomUUID()), redis);
    }

    /** The bus under test, closing its connection with it. */
    record ClosingBus(RedisEventBus bus, RedisConnection redis) implements EventBus {
        @Override
        public void publish(Message message) {
            bus.publish(message);
        }

        @Override
        public AutoCloseable subscribe(java.util.function.Consumer<Message> listener) {
            return bus.subscribe(listener);
        }

        @Override
        public void close() {
            bus.close();
            redis.close();
        }
    }
}
