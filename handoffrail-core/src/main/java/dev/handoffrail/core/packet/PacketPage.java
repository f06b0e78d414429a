package dev.handoffrail.core.packet;

import java.util.List;

/** One page of packets, the total matching the filters, and the cursor after the page (null if nothing follows). */
public record PacketPage(List<Packet> packets, long total, PacketCursor nextCursor) {
    public PacketPage {
        packets = List.copyOf(packets);
    }
}
