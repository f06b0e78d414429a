package dev.handoffrail.core.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The SSRF address rule (http-api.md §18.6, rule 3): whether an address is in a blocked IPv4 or IPv6 range, or is
 * an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 address embedding a blocked IPv4 address. Stateless.
 */
public final class AddressClassifier {
    private static final List<Range> IPV4 = ranges("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");
    private static final List<Range> IPV6 = ranges("::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8",
            "2001:db8::/32");
    private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    private AddressClassifier() {
    }

    /** Why {@code address} must not be contacted, e.g. {@code 127.0.0.1 is in blocked range 127.0.0.0/8}. */
    public static Optional<String> blockedReason(InetAddress address) {
        byte[] bytes = address.getAddress();
        String text = IpText.of(bytes);
        if (bytes.length == 4) {
            return blockedRange(IPV4, bytes).map(range -> text + " is in blocked range " + range);
        }
        Optional<String> direct = blockedRange(IPV6, bytes).map(range -> text + " is in blocked range " + range);
        if (direct.isPresent()) {
            return direct;
        }
        return embedded(bytes).flatMap(embedded -> blockedRange(IPV4, embedded.ipv4).map(range -> text + " is "
                + embedded.kind + " address of " + IpText.of(embedded.ipv4) + ", which is in blocked range " + range));
    }

    private static Optional<Embedded> embedded(byte[] bytes) {
        if (IpText.isMapped(bytes)) {
            return Optional.of(new Embedded("an IPv4-mapped", Arrays.copyOfRange(bytes, 12, 16)));
        }
        if (Arrays.equals(bytes, 0, 12, new byte[12], 0, 12)) {
            return Optional.of(new Embedded("an IPv4-compatible", Arrays.copyOfRange(bytes, 12, 16)));
        }
        if (Arrays.equals(bytes, 0, 12, NAT64_PREFIX, 0, 12)) {
            return Optional.of(new Embedded("a NAT64", Arrays.copyOfRange(bytes, 12, 16)));
        }
        if (bytes[0] == 0x20 && bytes[1] == 0x02) {
            return Optional.of(new Embedded("a 6to4", Arrays.copyOfRange(bytes, 2, 6)));
        }
        return Optional.empty();
    }

    private static Optional<String> blockedRange(List<Range> ranges, byte[] bytes) {
        return ranges.stream().filter(range -> range.contains(bytes)).map(Range::text).findFirst();
    }

    private static List<Range> ranges(String... cidrs) {
        return Arrays.stream(cidrs).map(Range::parse).toList();
    }

    private record Embedded(String kind, byte[] ipv4) {
    }

    private record Range(byte[] network, int prefixLength, String text) {
        static Range parse(String cidr) {
            int slash = cidr.indexOf('/');
            try {
                // only literals are passed here, so no name lookup happens
                byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
                return new Range(network, Integer.parseInt(cidr.substring(slash + 1)), cidr);
            } catch (UnknownHostException e) {
                throw new IllegalStateException("bad range " + cidr, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            if (!Arrays.equals(address, 0, fullBytes, network, 0, fullBytes)) {
                return false;
            }
            int remainingBits = prefixLength % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = (0xff << (8 - remainingBits)) & 0xff;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
