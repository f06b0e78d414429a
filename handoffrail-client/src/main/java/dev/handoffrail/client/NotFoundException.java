package dev.handoffrail.client;

/** 404 `NOT_FOUND`: the route, or the resource in the caller's tenant, does not exist. */
public class NotFoundException extends HandoffRailApiException {
    NotFoundException(ErrorEnvelope envelope) {
        super(envelope);
    }
}
