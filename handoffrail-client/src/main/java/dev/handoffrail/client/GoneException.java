package dev.handoffrail.client;

/** 410 {@code GONE}: the packet expired. A {@link NotFoundException}, since callers treat both alike. */
public class GoneException extends NotFoundException {
    GoneException(ErrorEnvelope envelope) {
        super(envelope);
    }
}
