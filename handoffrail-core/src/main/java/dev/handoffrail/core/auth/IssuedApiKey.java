package dev.handoffrail.core.auth;

import static java.util.Objects.requireNonNull;

/** A freshly created key together with its secret, which is shown to the caller this once and never again. */
public record IssuedApiKey(ApiKey key, String secret) {
    public IssuedApiKey {
        requireNonNull(key, "key");
        requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "IssuedApiKey[key=" + key.id() + ", secret=<redacted>]";
    }
}
