package dev.handoffrail.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line, with the deployment guide's field names: {@code timestamp} (RFC 3339 UTC),
 * {@code level} (lower case, {@code warning} for WARN), {@code event} (the log message, a snake_case name),
 * then the MDC (e.g. {@code request_id}) and the SLF4J key-value pairs as fields, and {@code logger}.
 * Exceptions are logged as type and stack frames only: their messages may carry data that must not be logged.
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_FRAMES = 30;

    private final JsonFactory factory = new JsonFactory();

    @Override
    public String doLayout(ILoggingEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("timestamp", TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp())));
            json.writeStringField("level", levelName(event.getLevel()));
            json.writeStringField("event", eventName(event));
            for (Map.Entry<String, String> e : event.getMDCPropertyMap().entrySet()) {
                json.writeStringField(e.getKey(), e.getValue());
            }
            if (event.getKeyValuePairs() != null) {
                for (KeyValuePair pair : event.getKeyValuePairs()) {
                    if (!"event".equals(pair.key)) {
                        writeValue(json, pair.key, pair.value);
                    }
                }
            }
            json.writeStringField("logger", event.getLoggerName());
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                json.writeStringField("error_type", error.getClassName());
                json.writeArrayFieldStart("stack");
                StackTraceElementProxy[] frames = error.getStackTraceElementProxyArray();
                for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
                    json.writeString(frames[i].getStackTraceElement().toString());
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    /** The message, or an {@code event} key-value pair when the call set the event that way instead. */
    private static String eventName(ILoggingEvent event) {
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair pair : event.getKeyValuePairs()) {
                if ("event".equals(pair.key) && pair.value != null) {
                    return String.valueOf(pair.value);
                }
            }
        }
        return event.getFormattedMessage();
    }

    private static void writeValue(JsonGenerator json, String key, Object value) throws IOException {
        if (value == null) {
            json.writeNullField(key);
        } else if (value instanceof Number n) {
            json.writeFieldName(key);
            if (n instanceof Double || n instanceof Float) {
                json.writeNumber(n.doubleValue());
            } else {
                json.writeNumber(n.longValue());
            }
        } else if (value instanceof Boolean b) {
            json.writeBooleanField(key, b);
        } else {
            json.writeStringField(key, String.valueOf(value));
        }
    }

    static String levelName(Level level) {
        if (level == Level.WARN) {
            return "warning";
        }
        return level.toString().toLowerCase(java.util.Locale.ROOT);
    }
}
