package dev.handoffrail.core.testing;

import dev.handoffrail.core.port.out.WebhookTransport;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link WebhookTransport} for core tests: records every request and answers with the scripted results in
 * order, repeating the last one. Sends nothing over the network. Thread-safe.
 */
public final class ScriptedTransport implements WebhookTransport {
    /** One recorded request, as the dispatcher handed it over. */
    public record Sent(URI url, InetAddress pinnedAddress, Map<String, String> headers, byte[] body,
                       Duration timeout) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Deque<Result> script = new ArrayDeque<>();

    public ScriptedTransport(Result... results) {
        script.addAll(List.of(results));
    }

    /** Answers every request with {@code status} and {@code body}. */
    public static ScriptedTransport answering(int status, String body) {
        return new ScriptedTransport(new Result(status, body, null));
    }

    @Override
    public Result send(URI url, InetAddress pinnedAddress, Map<String, String> headers, byte[] body,
                       Duration timeout) {
        sent.add(new Sent(url, pinnedAddress, Map.copyOf(headers), body.clone(), timeout));
        return next();
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    private synchronized Result next() {
        return script.size() > 1 ? script.poll() : script.peek();
    }
}
