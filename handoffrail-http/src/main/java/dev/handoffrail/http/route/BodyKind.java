package dev.handoffrail.http.route;

/** What a route does with a request body. */
public enum BodyKind {
    /** The body is ignored (its size still counts against the default limit). */
    NONE,
    /** A JSON object is required; an empty body is {@code 400 MALFORMED_JSON}. */
    JSON_OBJECT,
    /** A JSON object, or no body at all, which then reads as {@code {}} (PATCH). */
    JSON_OBJECT_OR_EMPTY
}
