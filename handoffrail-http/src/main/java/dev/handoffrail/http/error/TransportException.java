package dev.handoffrail.http.error;

/**
 * A request the HTTP transport refuses before any use case sees it (unreadable JSON, a method the path does not
 * serve, a body that is not JSON); answered with the same envelope as domain errors ({@link ErrorBody}).
 */
public final class TransportException extends RuntimeException {
    private final TransportCode code;

    public TransportException(TransportCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public TransportCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }
}
