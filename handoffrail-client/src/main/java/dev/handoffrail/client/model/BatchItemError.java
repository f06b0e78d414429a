package dev.handoffrail.client.model;

/**
 * One failed item of a batch: {@code index} (batch create) or {@code packetId} (batch claim and complete) says
 * which; {@code code} is the contract's error code, {@code error} the message.
 */
public record BatchItemError(Integer index, String packetId, String code, String error) {
}
