package dev.handoffrail.app;

import io.javalin.Javalin;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP side of stopping within {@code HR_SHUTDOWN_GRACE_SECONDS} (docs/deployment.md): first {@code /ready}
 * answers 503 and every response carries {@code Connection: close} while the listener stays open for the drain
 * delay (load balancers take the instance out of rotation, keep-alive clients reconnect elsewhere); then Jetty stops
 * accepting, requests in flight finish (a request arriving on an open connection meanwhile gets a complete 503),
 * and connections close once idle.
 */
final class GracefulShutdown {
    /** The longest the listener stays open after {@code /ready} turned 503. */
    static final Duration MAX_DRAIN_DELAY = Duration.ofSeconds(5);

    private final AtomicBoolean draining = new AtomicBoolean();

    /** Wraps Javalin's handler (before start) so that Jetty's graceful stop waits for requests in flight. */
    void install(Javalin http) {
        Server server = http.jettyServer().server();
        GracefulHandler graceful = new GracefulHandler();
        graceful.setShutdownIdleTimeout(200);
        server.setHandler(new CloseConnectionsWhileDraining(draining, graceful));
    }

    /** True from the start of the shutdown: {@code /ready} answers 503. */
    boolean draining() {
        return draining.get();
    }

    void startDraining() {
        draining.set(true);
    }

    /** A quarter of the grace period, at most {@link #MAX_DRAIN_DELAY}: the rest is for requests in flight. */
    static Duration drainDelay(Duration grace) {
        Duration quarter = grace.dividedBy(4);
        return quarter.compareTo(MAX_DRAIN_DELAY) > 0 ? MAX_DRAIN_DELAY : quarter;
    }

    /** Adds {@code Connection: close} to every response once draining started. */
    private static final class CloseConnectionsWhileDraining extends Handler.Wrapper {
        private final AtomicBoolean draining;

        CloseConnectionsWhileDraining(AtomicBoolean draining, Handler handler) {
            super(handler);
            this.draining = draining;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (draining.get()) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            return super.handle(request, response, callback);
        }
    }
}
