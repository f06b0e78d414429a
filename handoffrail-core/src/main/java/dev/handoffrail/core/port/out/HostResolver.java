package dev.handoffrail.core.port.out;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name (or IP literal) to every A and AAAA address. Thread-safe. */
public interface HostResolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JDK resolver. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
