package dev.handoffrail.client;

/** 401: the key is missing, unknown (`UNAUTHORIZED`), revoked (`KEY_REVOKED`) or its tenant deleted (`TENANT_DELETED`). */
public class AuthenticationException extends HandoffRailApiException {
    AuthenticationException(ErrorEnvelope envelope) {
        super(envelope);
    }
}
