package dev.handoffrail.client;

import java.io.IOException;
import java.io.Reader;

/**
 * A {@code text/event-stream} parser following the WHATWG HTML "Server-sent events" interpretation rules: lines end
 * with CRLF, LF or CR; a leading BOM is skipped; a line starting with {@code :} is a comment; {@code field:value}
 * loses one space after the colon, a line without a colon is a field with an empty value; {@code data} lines are
 * joined with LF; a blank line dispatches the event (nothing when no data was given, and the type resets either
 * way); {@code id} sets the last event id unless it contains NUL; {@code retry} with ASCII digits only sets the
 * reconnection time; other fields are ignored; an unterminated event at the end of the stream is discarded.
 * Not thread-safe: one parser per stream.
 */
final class SseParser {
    /** What the parser finds. */
    interface Sink {
        void event(String type, String data, String lastEventId);

        void comment(String text);

        void retry(long millis);
    }

    private final Sink sink;
    private final StringBuilder data = new StringBuilder();
    private final StringBuilder line = new StringBuilder();
    private String type = "";
    private boolean hasData;
    private String lastEventId = "";
    private boolean afterCarriageReturn;
    private boolean started;

    SseParser(Sink sink) {
        this.sink = sink;
    }

    String lastEventId() {
        return lastEventId;
    }

    /** Reads {@code in} to its end (or until it fails), reporting to the sink as it goes. */
    void parse(Reader in) throws IOException {
        char[] buffer = new char[4096];
        int n;
        while ((n = in.read(buffer)) != -1) {
            feed(buffer, n);
        }
    }

    void feed(char[] chars, int length) {
        for (int i = 0; i < length; i++) {
            char c = chars[i];
            if (!started) {
                started = true;
                if (c == '\uFEFF') {
                    continue;
                }
            }
            if (c == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false;
                continue;
            }
            afterCarriageReturn = c == '\r';
            if (c == '\r' || c == '\n') {
                line(line.toString());
                line.setLength(0);
            } else {
                line.append(c);
            }
        }
    }

    private void line(String text) {
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.charAt(0) == ':') {
            String comment = text.substring(1);
            sink.comment(comment.startsWith(" ") ? comment.substring(1) : comment);
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> type = value;
            case "data" -> {
                data.append(value).append('\n');
                hasData = true;
            }
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(ch -> ch >= '0' && ch <= '9') && value.length() < 18) {
                    sink.retry(Long.parseLong(value));
                }
            }
            default -> {
                // unknown fields are ignored
            }
        }
    }

    private void dispatch() {
        if (!hasData) {
            type = "";
            return;
        }
        String payload = data.substring(0, data.length() - 1);
        String name = type.isEmpty() ? "message" : type;
        data.setLength(0);
        hasData = false;
        type = "";
        sink.event(name, payload, lastEventId);
    }
}
