package dev.handoffrail.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay on a loopback port to a loopback server, which a test can {@link #cut()} (stop listening and drop
 * every connection, so the server looks dead) and {@link #restore()} (listen on the same port again), without
 * touching the server itself. Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {
    private final int targetPort;
    private final List<Socket> sockets = new ArrayList<>();
    private ServerSocket listener;
    private int port;

    private TcpProxy(int targetPort) {
        this.targetPort = targetPort;
    }

    /** A relay to {@code 127.0.0.1:targetPort}, listening on a free loopback port. */
    public static TcpProxy to(int targetPort) {
        TcpProxy proxy = new TcpProxy(targetPort);
        proxy.listen(0);
        return proxy;
    }

    public synchronized int port() {
        return port;
    }

    /** Stops accepting and closes every relayed connection: clients see the server go away. */
    public synchronized void cut() {
        closeQuietly(listener);
        listener = null;
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    /** Accepts connections again, on the same port. */
    public synchronized void restore() {
        if (listener == null) {
            listen(port);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private synchronized void listen(int onPort) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort));
            listener = server;
            port = server.getLocalPort();
            Thread acceptor = new Thread(() -> accept(server), "tcp-proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                if (!register(server, client, target)) {
                    return;
                }
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                // the listener was closed by cut(), or the target refused: the client sees a dropped connection
            }
        }
    }

    /** Keeps the pair for cut(); false (and both closed) when the listener was cut meanwhile. */
    private synchronized boolean register(ServerSocket server, Socket client, Socket target) {
        if (listener != server) {
            closeQuietly(client);
            closeQuietly(target);
            return false;
        }
        sockets.add(client);
        sockets.add(target);
        return true;
    }

    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is best-effort
        }
    }
}
