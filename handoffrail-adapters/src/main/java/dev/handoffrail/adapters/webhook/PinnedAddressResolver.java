package dev.handoffrail.adapters.webhook;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Jetty's name resolution replaced by the address the SSRF policy checked: a connection goes to the
 * {@link PinnedAddress} its request was tagged with, and nowhere else. Names are never looked up here, so the
 * answer cannot change between the check and the connect (DNS rebinding). Stateless, thread-safe.
 */
final class PinnedAddressResolver implements SocketAddressResolver {

    /** The checked address, as a request tag: it is part of Jetty's destination key, so pools never mix. */
    record PinnedAddress(InetAddress address) {
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context,
                        Promise<List<InetSocketAddress>> promise) {
        Object destination = context.get(Destination.CONTEXT_KEY);
        Object tag = destination instanceof Destination known ? known.getOrigin().getTag() : null;
        if (!(tag instanceof PinnedAddress pinned)) {
            promise.failed(new UnknownHostException("no checked address for " + host));
            return;
        }
        try {
            // named after the URL's host: TLS takes the SNI name and the certificate host name check from it
            InetAddress named = InetAddress.getByAddress(host, pinned.address().getAddress());
            promise.succeeded(List.of(new InetSocketAddress(named, port)));
        } catch (UnknownHostException e) {
            promise.failed(e);
        }
    }
}
