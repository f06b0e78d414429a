package dev.handoffrail.core.webhook;

import java.net.InetAddress;

/**
 * Text of IP addresses: IPv4 dotted quads, IPv6 in the canonical form of RFC 5952 (lower case, longest zero run
 * compressed, IPv4-mapped addresses as {@code ::ffff:a.b.c.d}).
 */
final class IpText {
    private IpText() {
    }

    static String of(InetAddress address) {
        return of(address.getAddress());
    }

    static String of(byte[] bytes) {
        if (bytes.length == 4) {
            return ipv4(bytes, 0);
        }
        if (isMapped(bytes)) {
            return "::ffff:" + ipv4(bytes, 12);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** Whether 16 bytes are {@code ::ffff:0:0/96}. */
    static boolean isMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    static String ipv4(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) + "." + (bytes[offset + 1] & 0xff) + "." + (bytes[offset + 2] & 0xff) + "."
                + (bytes[offset + 3] & 0xff);
    }
}
