package dev.handoffrail.persistence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.EventBus.Message;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.testing.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two instances' buses on one channel: once per instance, at once locally, and through a Redis outage. */
class RedisEventBusInstancesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TenantId TENANT = new TenantId("acme");

    private final List<AutoCloseable> resources = new ArrayList<>();
    private String channel;
    private RedisConnection direct;

    @BeforeEach
    void connect() {
        RedisConnectionTest.requireLocalRedis();
        channel = "handoffrail:test:" + UUID.randomUUID();
        direct = opened(RedisConnection.open("redis://127.0.0.1:6379/0"));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void a_message_reaches_its_own_instance_at_once_and_every_instance_exactly_once() throws Exception {
        RedisEventBus a = subscribedBus(direct);
        RedisEventBus b = subscribedBus(direct);
        Inbox onA = inbox(a);
        Inbox onB = inbox(b);
        Message revoked = revoked();

        a.publish(revoked);
        assertThat(onA.remaining()).as("delivered on the publishing thread").containsExactly(revoked);
        assertThat(onB.take()).isEqualTo(revoked);
        Message marker = revoked();
        b.publish(marker);

        assertThat(onA.take()).as("A's own message did not come back through Redis").isEqualTo(marker);
        assertThat(onB.remaining()).containsExactly(marker);
    }

    @Test
    void each_instance_carries_its_own_id() {
        RedisEventBus a = bus(direct);
        RedisEventBus b = bus(direct);

        assertThat(a.instanceId()).isNotEqualTo(b.instanceId());
    }

    @Test
    void a_payload_this_version_does_not_understand_is_skipped() throws Exception {
        RedisEventBus a = subscribedBus(direct);
        Inbox onA = inbox(a);
        Message revoked = revoked();

        direct.client().publish(channel, "{\"v\":99}");
        direct.client().publish(channel, "not json");
        direct.client().publish(channel, EventCodec.encode("another-instance", revoked));

        assertThat(onA.take()).isEqualTo(revoked);
        assertThat(onA.remaining()).isEmpty();
    }

    @Test
    void during_an_outage_publishing_stays_local_and_the_subscription_comes_back_by_itself() throws Exception {
        TcpProxy proxy = opened(TcpProxy.to(TestRedis.PORT));
        RedisEventBus a = subscribedBus(opened(TestRedis.through(proxy.port(), 0)));
        RedisEventBus b = subscribedBus(direct);
        Inbox onA = inbox(a);
        Inbox onB = inbox(b);

        proxy.cut();
        Message duringOutage = revoked();
        a.publish(duringOutage);
        assertThat(onA.remaining()).containsExactly(duringOutage);

        proxy.restore();
        Message afterwards = awaitDelivery(b, onA);
        Message fromA = revoked();
        a.publish(fromA);

        assertThat(onB.takeUntil(fromA)).doesNotContain(duringOutage).contains(afterwards);
    }

    /** B publishes until A has received one of its messages (A's subscriber connection is back); returns it. */
    private Message awaitDelivery(RedisEventBus from, Inbox to) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Message probe = revoked();
            from.publish(probe);
            Message received = to.queue.poll(100, TimeUnit.MILLISECONDS);
            if (received != null) {
                return received;
            }
        }
        throw new AssertionError("the subscription never came back");
    }

    private RedisEventBus subscribedBus(RedisConnection redis) throws InterruptedException {
        RedisEventBus bus = bus(redis);
        assertThat(bus.awaitSubscribed(WAIT)).isTrue();
        return bus;
    }

    private RedisEventBus bus(RedisConnection redis) {
        return opened(new RedisEventBus(redis, channel));
    }

    private Inbox inbox(EventBus bus) {
        Inbox inbox = new Inbox();
        resources.add(bus.subscribe(inbox.queue::add));
        return inbox;
    }

    private <T extends AutoCloseable> T opened(T resource) {
        resources.add(resource);
        return resource;
    }

    private static Message revoked() {
        return new EventBus.KeyRevoked(TENANT, ApiKeyId.random(), "hash");
    }

    /** What one instance's subscriber received. */
    private static final class Inbox {
        private final BlockingQueue<Message> queue = new LinkedBlockingQueue<>();

        Message take() throws InterruptedException {
            Message message = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message).as("a message within %s", WAIT).isNotNull();
            return message;
        }

        List<Message> takeUntil(Message last) throws InterruptedException {
            List<Message> received = new ArrayList<>();
            for (Message next = take(); ; next = take()) {
                received.add(next);
                if (next.equals(last)) {
                    return received;
                }
            }
        }

        List<Message> remaining() {
            List<Message> rest = new ArrayList<>();
            queue.drainTo(rest);
            return rest;
        }
    }
}
