package dev.handoffrail.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that a test controls: it forwards every connection to {@code target}, and
 * {@link #cut()} closes every open connection and stops listening (clients get "connection refused"), as a
 * database outage looks to the application; {@link #restore()} listens again on the same port. Lets a test break
 * its own path to the shared PostgreSQL server without ever touching the server.
 */
final class TcpProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile ServerSocket listener;

    TcpProxy(String host, int targetPort) throws IOException {
        this.target = new InetSocketAddress(host, targetPort);
        ServerSocket first = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = first.getLocalPort();
        listen(first);
    }

    int port() {
        return port;
    }

    /** How many times the link was cut. */
    int cuts() {
        return cuts.get();
    }

    /** Closes every proxied connection and refuses new ones until {@link #restore()}. */
    synchronized void cut() throws IOException {
        cuts.incrementAndGet();
        listener.close();
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** Accepts and forwards connections again, on the same port. */
    synchronized void restore() throws IOException {
        ServerSocket again = new ServerSocket();
        again.setReuseAddress(true);
        again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        listen(again);
    }

    @Override
    public synchronized void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    private void listen(ServerSocket socket) {
        listener = socket;
        Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket();
                try {
                    server.connect(target, 2_000);
                } catch (IOException unreachable) {
                    closeQuietly(client);
                    closeQuietly(server);
                    continue;
                }
                open.add(client);
                open.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16_384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException closed) {
                // either side went away: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
