package dev.handoffrail.http.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.http.json.JsonCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The outbox of one stream: order, one write at a time, the slow-consumer limit, the single end. */
class RealtimeStreamTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StreamEvents events = new StreamEvents(new JsonCodec(32), registry);

    @Test
    void events_before_the_start_wait_behind_the_greeting_and_messages_go_one_at_a_time_in_order() {
        HeldStream stream = new HeldStream(10);
        stream.send("early");

        stream.start("hello");
        stream.send("later");

        assertThat(stream.written).containsExactly("hello");
        stream.completeNext();
        assertThat(stream.written).containsExactly("hello", "early");
        stream.completeNext();
        stream.completeNext();
        assertThat(stream.written).containsExactly("hello", "early", "later");
        assertThat(stream.finished).isEmpty();
    }

    @Test
    void a_client_more_than_the_buffer_behind_is_closed_as_too_slow_once_its_write_in_flight_ends() {
        HeldStream stream = new HeldStream(3);
        stream.start("hello");
        stream.send("1");
        stream.send("2");
        stream.send("3");

        stream.send("4");
        stream.send("5");

        assertThat(stream.finished).isEmpty();
        stream.completeNext();
        assertThat(stream.written).containsExactly("hello");
        assertThat(stream.finished).containsExactly(RealtimeStream.Ending.TOO_SLOW);
        assertThat(registry.get("handoffrail.realtime.slow.consumers").tag("transport", "test").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void a_failed_write_ends_the_stream_as_gone_and_later_ends_change_nothing() {
        HeldStream stream = new HeldStream(10);
        stream.start("hello");
        stream.send("queued");

        stream.failNext();
        stream.end(RealtimeStream.Ending.SHUTDOWN);
        stream.send("after");

        assertThat(stream.written).containsExactly("hello");
        assertThat(stream.finished).containsExactly(RealtimeStream.Ending.CLIENT_GONE);
        assertThat(stream.ended()).isTrue();
    }

    @Test
    void an_idle_stream_finishes_at_once_with_the_reason_clients_are_told() {
        HeldStream stream = new HeldStream(10);
        stream.start("hello");
        stream.completeNext();

        stream.end(RealtimeStream.Ending.KEY_REVOKED);

        assertThat(stream.finished).containsExactly(RealtimeStream.Ending.KEY_REVOKED);
        assertThat(RealtimeStream.Ending.KEY_REVOKED.closeCode()).isEqualTo(1008);
        assertThat(RealtimeStream.Ending.KEY_REVOKED.reason()).isEqualTo("API key has been revoked");
        assertThat(RealtimeStream.Ending.SHUTDOWN.closeCode()).isEqualTo(1001);
    }

    /** A transport whose writes finish only when the test says so. */
    private final class HeldStream extends RealtimeStream {
        final List<String> written = new CopyOnWriteArrayList<>();
        final List<Ending> finished = new CopyOnWriteArrayList<>();
        private final List<Runnable> done = new CopyOnWriteArrayList<>();
        private final List<Consumer<Throwable>> failures = new CopyOnWriteArrayList<>();

        HeldStream(int capacity) {
            super("test", capacity, events);
        }

        @Override
        String formatEvent(String type, String json) {
            return type + " " + json;
        }

        @Override
        void write(String message, Runnable written, Consumer<Throwable> failed) {
            this.written.add(message);
            done.add(written);
            failures.add(failed);
        }

        @Override
        void finish(Ending why) {
            finished.add(why);
        }

        void completeNext() {
            failures.remove(0);
            done.remove(0).run();
        }

        void failNext() {
            done.remove(0);
            failures.remove(0).accept(new IOException("reset"));
        }
    }
}
