package dev.handoffrail.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An error answer of the server in the contract's envelope (http-api.md §4), or a transport failure
 * ({@link HandoffRailTransportException}). Subclasses group the codes by what a caller does about them; the
 * envelope's members are all here, extra members (such as {@code claimed_by} or {@code quota}) through
 * {@link #member(String)}.
 */
public class HandoffRailApiException extends RuntimeException {
    private final String code;
    private final int statusCode;
    private final String detail;
    private final String field;
    private final String requestId;
    private final List<FieldError> errors;
    private final Duration retryAfter;
    private final transient JsonNode body;

    HandoffRailApiException(ErrorEnvelope envelope) {
        this(envelope, null);
    }

    HandoffRailApiException(ErrorEnvelope envelope, Throwable cause) {
        super(envelope.statusCode() + " " + envelope.code() + ": " + envelope.detail(), cause);
        this.code = envelope.code();
        this.statusCode = envelope.statusCode();
        this.detail = envelope.detail();
        this.field = envelope.field();
        this.requestId = envelope.requestId();
        this.errors = envelope.errors();
        this.retryAfter = envelope.retryAfter();
        this.body = envelope.body();
    }

    /** The contract's machine-readable code, e.g. {@code NOT_FOUND}; {@code TRANSPORT_ERROR} for a transport failure. */
    public String code() {
        return code;
    }

    /** The HTTP status; 0 when no answer arrived. */
    public int statusCode() {
        return statusCode;
    }

    /** The human-readable message. */
    public String detail() {
        return detail;
    }

    /** The input at fault (dotted path), if any. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** The request id of the server's logs (from the body or the {@code X-Request-ID} header), if any. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** Every validation problem, in the server's order; empty when the error was not about input. */
    public List<FieldError> errors() {
        return errors;
    }

    /** The server's {@code Retry-After}, if it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** An extra member of the error body ({@code claimed_by}, {@code quota}, {@code allowed_transitions}, ...). */
    public JsonNode member(String name) {
        JsonNode value = body == null ? null : body.get(name);
        return value == null ? NullNode.getInstance() : value;
    }

    /** One entry of the envelope's {@code errors}. */
    public record FieldError(String field, String message) {
    }
}
