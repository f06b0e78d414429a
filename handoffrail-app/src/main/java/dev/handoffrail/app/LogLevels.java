package dev.handoffrail.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Applies {@code HR_LOG_LEVEL} to the root logger. */
final class LogLevels {
    private LogLevels() {
    }

    static void apply(AppConfig.LogLevel level) {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(switch (level) {
                case DEBUG -> Level.DEBUG;
                case INFO -> Level.INFO;
                case WARNING -> Level.WARN;
                case ERROR -> Level.ERROR;
            });
        }
    }
}
