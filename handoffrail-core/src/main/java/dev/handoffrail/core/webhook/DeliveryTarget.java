package dev.handoffrail.core.webhook;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.Optional;

/**
 * The SSRF verdict before one delivery attempt: the checked address to connect to (pinned, never re-resolved),
 * or why the URL is refused. Exactly one of the two is present. Immutable.
 */
public final class DeliveryTarget {
    private final InetAddress address;
    private final String refusal;

    private DeliveryTarget(InetAddress address, String refusal) {
        this.address = address;
        this.refusal = refusal;
    }

    public static DeliveryTarget pinned(InetAddress address) {
        return new DeliveryTarget(requireNonNull(address, "address"), null);
    }

    public static DeliveryTarget refused(String reason) {
        return new DeliveryTarget(null, requireNonNull(reason, "reason"));
    }

    public boolean allowed() {
        return address != null;
    }

    /** The address that passed the check; empty when refused. */
    public Optional<InetAddress> address() {
        return Optional.ofNullable(address);
    }

    /** Why the URL is refused, e.g. {@code 10.0.0.7 is in blocked range 10.0.0.0/8}; empty when allowed. */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    @Override
    public String toString() {
        return allowed() ? "DeliveryTarget[pinned " + IpText.of(address) + "]" : "DeliveryTarget[refused " + refusal
                + "]";
    }
}
