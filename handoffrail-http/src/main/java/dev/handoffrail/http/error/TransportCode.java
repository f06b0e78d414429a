package dev.handoffrail.http.error;

/**
 * The error codes of http-api.md §4.2 that only the HTTP transport can produce, with their status: the domain's
 * codes are {@link dev.handoffrail.core.error.ErrorCode}. The wire name is the constant's name.
 */
public enum TransportCode {
    MALFORMED_JSON(400),
    METHOD_NOT_ALLOWED(405),
    UNSUPPORTED_MEDIA_TYPE(415);

    private final int status;

    TransportCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String wireName() {
        return name();
    }
}
