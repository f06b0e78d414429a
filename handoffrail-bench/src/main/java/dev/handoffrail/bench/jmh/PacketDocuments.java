package dev.handoffrail.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoffrail.bench.scenario.PacketBodies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Create bodies of a given size for the benchmarks: the 2.3 KB scenario body, grown by conversation turns. */
final class PacketDocuments {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PacketDocuments() {
    }

    /** A create body of at least {@code minimumBytes} bytes (the 2.3 KB body when smaller). */
    static byte[] createBody(int minimumBytes) {
        try {
            ObjectNode body = (ObjectNode) MAPPER.readTree(PacketBodies.packet(1, "sales-01", "billing-01"));
            ArrayNode conversation = (ArrayNode) body.get("context").get("conversation_state");
            byte[] bytes = MAPPER.writeValueAsBytes(body);
            for (int turn = 0; bytes.length < minimumBytes; turn++) {
                conversation.addObject().put("role", turn % 2 == 0 ? "user" : "agent")
                        .put("content", "Turn " + turn + ": the customer asks about seats, invoices, the audit "
                                + "export and the discount, and the agent answers with the details of the plan.")
                        .putNull("timestamp").putNull("metadata");
                bytes = MAPPER.writeValueAsBytes(body);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
