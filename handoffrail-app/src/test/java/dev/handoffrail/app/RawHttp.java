package dev.handoffrail.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange on a fresh connection, classified the way a shutdown test needs: refused before the
 * connection was accepted, a complete response (status line, headers, and exactly the announced body), or a
 * failure after the connection was accepted (reset, early close, truncated body).
 */
final class RawHttp {
    private RawHttp() {
    }

    enum Outcome {
        REFUSED, COMPLETE, BROKEN
    }

    record Result(Outcome outcome, int status, String body, String problem) {
    }

    static Result exchange(int port, String method, String path, String apiKey, String json) {
        return exchange(port, method, path, apiKey, json, () -> {
        });
    }

    /** As above; {@code sent} runs once the whole request has been written. */
    static Result exchange(int port, String method, String path, String apiKey, String json, Runnable sent) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        } catch (ConnectException refused) {
            close(socket);
            return new Result(Outcome.REFUSED, 0, "", refused.getMessage());
        } catch (IOException e) {
            close(socket);
            return new Result(Outcome.BROKEN, 0, "", "connect: " + e);
        }
        try (socket) {
            socket.setSoTimeout(60_000);
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder()
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Connection: close\r\n");
            if (apiKey != null) {
                request.append("X-API-Key: ").append(apiKey).append("\r\n");
            }
            if (json != null) {
                request.append("Content-Type: application/json\r\nContent-Length: ").append(body.length)
                        .append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            sent.run();
            return read(socket.getInputStream());
        } catch (IOException e) {
            return new Result(Outcome.BROKEN, 0, "", e.toString());
        }
    }

    private static Result read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0 || !text.startsWith("HTTP/1.1 ")) {
            return new Result(Outcome.BROKEN, 0, "", "no complete response head in " + all.length + " bytes");
        }
        int status = Integer.parseInt(text.substring(9, 12));
        String head = text.substring(0, headerEnd).toLowerCase(Locale.ROOT);
        String rest = text.substring(headerEnd + 4);
        String body;
        if (head.contains("\r\ntransfer-encoding: chunked")) {
            body = dechunk(rest);
            if (body == null) {
                return new Result(Outcome.BROKEN, status, "", "chunked body not terminated");
            }
        } else {
            String name = "\r\ncontent-length:";
            int at = head.indexOf(name);
            int length = 0;
            if (at >= 0) {
                int end = head.indexOf("\r\n", at + name.length());
                length = Integer.parseInt(head.substring(at + name.length(), end < 0 ? head.length() : end).trim());
            }
            if (rest.length() != length) {
                return new Result(Outcome.BROKEN, status, "", "body of " + rest.length() + " bytes, announced "
                        + length);
            }
            body = rest;
        }
        return new Result(Outcome.COMPLETE, status, new String(body.getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8), null);
    }

    /** The body of a chunked message, or null when the final chunk is missing. */
    private static String dechunk(String rest) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = rest.indexOf("\r\n", at);
            if (lineEnd < 0) {
                return null;
            }
            String sizeText = rest.substring(at, lineEnd);
            int semicolon = sizeText.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                return rest.startsWith("\r\n", lineEnd + 2) || rest.indexOf("\r\n\r\n", lineEnd) >= 0
                        ? body.toString(StandardCharsets.ISO_8859_1) : null;
            }
            if (lineEnd + 2 + size + 2 > rest.length()) {
                return null;
            }
            body.writeBytes(rest.substring(lineEnd + 2, lineEnd + 2 + size).getBytes(StandardCharsets.ISO_8859_1));
            at = lineEnd + 2 + size + 2;
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was sent
        }
    }
}
