package dev.handoffrail.client.model;

/** The outcome of replaying a dead-lettered delivery: {@code status} is {@code delivered} or {@code failed}. */
public record ReplayResult(String deliveryId, boolean replayed, String status, int attempts) {
}
