package dev.handoffrail.core.port.out;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Sends one signed webhook request: {@code POST} of {@code body} to {@code url}, connecting only to
 * {@code pinnedAddress} (the address that passed the SSRF check), not following redirects. Never throws for
 * receiver or network failures: they are reported in the {@link Result}. Thread-safe.
 */
public interface WebhookTransport {
    Result send(URI url, InetAddress pinnedAddress, Map<String, String> headers, byte[] body, Duration timeout);

    /** The status code (null if no response arrived), up to 200 characters of the body, or the transport error. */
    record Result(Integer statusCode, String bodyPrefix, String transportError) {
        public boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }
}
