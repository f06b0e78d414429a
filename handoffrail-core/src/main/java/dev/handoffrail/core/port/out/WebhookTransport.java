package dev.handoffrail.core.port.out;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Sends one signed webhook request: {@code POST} of {@code body} to {@code url}, connecting only to
 * {@code pinnedAddress} (the address that passed the SSRF check) while the {@code Host} header and TLS use the
 * URL's host, not following redirects, the whole attempt bounded by {@code timeout}. Never throws for receiver
 * or network failures: they are reported in the {@link Result}. Implemented outside the core (the
 * {@code handoffrail-adapters} module has one on Jetty's HttpClient). Thread-safe.
 */
public interface WebhookTransport {
    /** The {@code last_error} of every attempt made through {@link #NONE}. */
    String NOT_CONFIGURED = "No webhook transport configured";

    /**
     * What a rail built without a transport uses: it sends nothing and every attempt fails with
     * {@link #NOT_CONFIGURED}; registering a webhook on such a rail is refused.
     */
    WebhookTransport NONE = (url, pinnedAddress, headers, body, timeout) -> new Result(null, null, NOT_CONFIGURED);

    Result send(URI url, InetAddress pinnedAddress, Map<String, String> headers, byte[] body, Duration timeout);

    /**
     * The status code (null if no response arrived), up to 200 characters of the body, or the transport error, and
     * the response's {@code Retry-After} header as sent (null when absent).
     */
    record Result(Integer statusCode, String bodyPrefix, String transportError, String retryAfter) {
        public Result(Integer statusCode, String bodyPrefix, String transportError) {
            this(statusCode, bodyPrefix, transportError, null);
        }

        /** Only a 2xx is a success: nothing else marks a delivery delivered. */
        public boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }
}
