package dev.handoffrail.bench.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One persistent HTTP/1.1 connection to a local server, used by one thread at a time (not thread-safe).
 *
 * <p>A blocking socket with buffered streams and no per-request formatting: on a 2-core machine shared with the
 * server under test, every microsecond the client spends is taken from the server, so the client is kept as
 * cheap as possible (the JDK {@code HttpClient} costs several times more CPU per request). It understands exactly
 * what the servers under test send: {@code Content-Length} or chunked bodies, and {@code Connection: close}.
 * A broken connection is reopened on the next request.
 */
public final class HttpConnection implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 60_000;
    /** Jetty closes a connection idle for 30 s; one idle this long is replaced before it is used again. */
    private static final long MAX_IDLE_NANOS = 20_000_000_000L;

    private final InetSocketAddress address;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long lastUsed;

    /** A connection to 127.0.0.1 at {@code port}; the socket opens on the first request. */
    public HttpConnection(int port) {
        this.address = new InetSocketAddress("127.0.0.1", port);
    }

    /** Sends {@code request} and reads the whole response. On an I/O error the connection is closed and rethrown. */
    public Response send(Request request) throws IOException {
        try {
            open();
            out.write(request.head());
            out.write(request.body());
            out.flush();
            Response response = readResponse();
            lastUsed = System.nanoTime();
            return response;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void open() throws IOException {
        if (socket != null && System.nanoTime() - lastUsed > MAX_IDLE_NANOS) {
            close();
        }
        if (socket != null) {
            return;
        }
        Socket fresh = new Socket();
        fresh.setTcpNoDelay(true);
        fresh.setSoTimeout(READ_TIMEOUT_MILLIS);
        fresh.connect(address, CONNECT_TIMEOUT_MILLIS);
        socket = fresh;
        in = new BufferedInputStream(fresh.getInputStream(), 16_384);
        out = new BufferedOutputStream(fresh.getOutputStream(), 16_384);
    }

    private Response readResponse() throws IOException {
        String statusLine = readLine();
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                closeAfter = value.equalsIgnoreCase("close");
            }
        }
        byte[] body;
        if (chunked) {
            body = readChunked();
        } else if (contentLength >= 0) {
            body = in.readNBytes((int) contentLength);
            if (body.length != contentLength) {
                throw new EOFException("body ended after " + body.length + " of " + contentLength + " bytes");
            }
        } else if (status == 204 || status == 304) {
            body = new byte[0];
        } else {
            body = in.readAllBytes();
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Response(status, body);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(4_096);
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt(semicolon < 0 ? sizeLine.trim() : sizeLine.substring(0, semicolon).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers are not used by the servers under test
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new EOFException("chunk ended early");
            }
            body.write(chunk);
            readLine();
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (b == '\n') {
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }

    /** Closes the socket; the next request opens a new one. */
    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken socket has nothing left to report
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
