package dev.handoffrail.client;

/**
 * No answer arrived: connection refused or reset, timeout, or the calling thread was interrupted (its interrupt
 * flag is then set again). {@link #statusCode()} is 0 and {@link #code()} {@code TRANSPORT_ERROR}.
 */
public class HandoffRailTransportException extends HandoffRailApiException {
    HandoffRailTransportException(String detail, Throwable cause) {
        super(ErrorEnvelope.transport(detail), cause);
    }
}
