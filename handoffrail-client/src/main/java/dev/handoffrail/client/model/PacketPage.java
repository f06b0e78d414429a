package dev.handoffrail.client.model;

import java.util.List;

/** One page of packets (http-api.md §7.3); {@code nextCursor} is null on the last page. */
public record PacketPage(List<Packet> packets, long total, int limit, int offset, String nextCursor) {
    public PacketPage {
        packets = Copies.list(packets);
    }
}
