package dev.handoffrail.client;

/** A webhook request failed verification; the message says why (never the secret or the expected MAC). */
public class WebhookVerificationException extends RuntimeException {
    WebhookVerificationException(String message) {
        super(message);
    }
}
