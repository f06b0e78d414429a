package dev.handoffrail.client.model;

/** The packet's {@code _links}: paths relative to the server root. */
public record PacketLinks(String self, String claim, String history) {
}
