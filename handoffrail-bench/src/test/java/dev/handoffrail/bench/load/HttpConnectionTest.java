package dev.handoffrail.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpConnectionTest {
    private HttpServer server;
    private final AtomicInteger connectionsClosedByServer = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/fixed", exchange -> {
            byte[] echo = ("got " + exchange.getRequestBody().readAllBytes().length + " bytes")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, echo.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(echo);
            }
        });
        server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("first part, ".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("second part".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/empty", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/close", exchange -> {
            connectionsClosedByServer.incrementAndGet();
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void sendsTheBodyAndReadsAContentLengthResponse() throws IOException {
        try (HttpConnection connection = new HttpConnection(server.getAddress().getPort())) {
            Response response = connection.send(Request.of("POST", "/fixed", Map.of("X-API-Key", "k"), "{\"a\":1}"));

            assertThat(response.status()).isEqualTo(201);
            assertThat(response.text()).isEqualTo("got 7 bytes");
        }
    }

    @Test
    void joinsTheChunksOfAChunkedResponse() throws IOException {
        try (HttpConnection connection = new HttpConnection(server.getAddress().getPort())) {
            Response response = connection.send(Request.get("/chunked", Map.of()));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("first part, second part");
        }
    }

    @Test
    void reusesTheConnectionAcrossRequestsIncludingBodylessAnswers() throws IOException {
        try (HttpConnection connection = new HttpConnection(server.getAddress().getPort())) {
            assertThat(connection.send(Request.of("POST", "/empty", Map.of(), "{}")).status()).isEqualTo(204);
            assertThat(connection.send(Request.of("POST", "/empty", Map.of(), "{}")).body()).isEmpty();
            assertThat(connection.send(Request.get("/chunked", Map.of())).text()).isEqualTo("first part, second part");
        }
    }

    @Test
    void reconnectsAfterTheServerClosedTheConnection() throws IOException {
        try (HttpConnection connection = new HttpConnection(server.getAddress().getPort())) {
            assertThat(connection.send(Request.get("/close", Map.of())).text()).isEqualTo("ok");
            assertThat(connection.send(Request.get("/close", Map.of())).text()).isEqualTo("ok");
        }
        assertThat(connectionsClosedByServer).hasValue(2);
    }
}
