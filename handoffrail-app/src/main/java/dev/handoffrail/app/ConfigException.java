package dev.handoffrail.app;

/** A configuration value is missing or invalid; the message is one line naming the variable. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
