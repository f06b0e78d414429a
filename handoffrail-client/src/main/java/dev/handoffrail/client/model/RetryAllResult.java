package dev.handoffrail.client.model;

/** The outcome of {@code POST /hooks/dlq/retry-all}. */
public record RetryAllResult(int retried, int succeeded, int failed) {
}
