package dev.handoffrail.http.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.http.LiveApi;
import dev.handoffrail.http.TestResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /events} and {@code GET /ws} (http-api.md §17, §5.4) over real sockets against a started server on
 * the real services: framing, greetings, filters, client errors, tenant isolation, refusals before any stream,
 * revoked keys, the free tier's one connection, shutdown. Ordering is asserted by creating a packet that must
 * arrive next, so no test waits for something not to happen.
 */
class RealtimeStreamsEndToEndTest {
    private LiveApi api;
    private String reader;
    private String writer;

    @BeforeEach
    void start() {
        api = LiveApi.start();
        api.tenant("acme", "business");
        api.tenant("globex", "business");
        reader = api.key("acme", "reader");
        writer = api.key("acme", "writer");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void sse_greets_then_streams_each_tenant_event_as_event_and_data_lines() {
        try (SseTestClient sse = SseTestClient.open(api.app.port(), "/events?api_key=" + reader)) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.header("Content-Type")).startsWith("text/event-stream");
            assertThat(sse.header("Cache-Control")).isEqualTo("no-cache");
            assertThat(sse.header("X-Accel-Buffering")).isEqualTo("no");
            SseTestClient.Frame greeting = sse.next();
            assertThat(greeting.event()).isEqualTo("connected");
            Map<String, Object> hello = LiveApi.map(LiveApi.parse(greeting.data()));
            assertThat(hello).containsOnlyKeys("connection_id", "message")
                    .containsEntry("message", "HandoffRail SSE connected. Subscribed channels: all events");
            assertThat((String) hello.get("connection_id")).matches("[0-9a-f-]{36}");

            String id = api.packet(writer, "router", "billing-01");

            SseTestClient.Frame created = sse.nextEvent();
            assertThat(created.event()).isEqualTo("packet.created");
            Map<String, Object> event = LiveApi.map(LiveApi.parse(created.data()));
            assertThat(event).containsOnlyKeys("type", "packet_id", "data", "timestamp")
                    .containsEntry("type", "packet.created").containsEntry("packet_id", id)
                    .containsEntry("timestamp", "2026-05-30T12:00:00.000000Z");
            assertThat(LiveApi.map(event.get("data"))).containsEntry("status", "created");
            assertThat(LiveApi.map(LiveApi.map(LiveApi.map(event.get("data")).get("metadata")).get("target_agent")))
                    .containsEntry("id", "billing-01");
        }
    }

    @Test
    void sse_subscriptions_filter_and_an_event_matching_two_of_them_arrives_once() {
        try (SseTestClient sse = SseTestClient.open(api.app.port(),
                "/events?subscribe=agent:billing-01&subscribe=status:created", "X-API-Key", reader)) {
            assertThat(LiveApi.map(LiveApi.parse(sse.next().data()))).containsEntry("message",
                    "HandoffRail SSE connected. Subscribed channels: agent:billing-01, status:created");
            String first = api.packet(writer, "router", "billing-01");
            api.call(writer, "POST", "/api/v1/packets/" + first + "/claim",
                    "{\"agent_id\": \"support-01\", \"agent_name\": \"Support\"}");
            String second = api.packet(writer, "router", "support-01");

            assertThat(packetOf(sse.nextEvent())).isEqualTo(List.of("packet.created", first));
            // the claim names billing-01 as the previous target only: its metadata now targets support-01
            assertThat(packetOf(sse.nextEvent())).isEqualTo(List.of("packet.created", second));
        }
    }

    @Test
    void sse_refuses_an_invalid_channel_a_missing_key_and_an_unknown_key_before_streaming() {
        TestResponse badChannel = api.get(reader, "/events?subscribe=queue:x");
        TestResponse missing = api.client.get("/events");
        TestResponse unknown = api.client.get("/events?api_key=hr_" + "x".repeat(43));

        assertThat(badChannel.status()).isEqualTo(400);
        assertThat(badChannel.json()).containsEntry("code", "VALIDATION_ERROR")
                .containsEntry("detail", "subscribe: Invalid channel: queue:x");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json()).containsEntry("code", "UNAUTHORIZED")
                .containsEntry("detail", "Missing X-API-Key header");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json()).containsEntry("code", "UNAUTHORIZED").containsEntry("detail", "Invalid API key");
    }

    @Test
    void the_query_parameter_key_is_not_accepted_on_rest_endpoints() {
        TestResponse response = api.client.get("/api/v1/packets?api_key=" + reader);

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void a_stream_carries_only_its_own_tenants_events() {
        String globexWriter = api.key("globex", "writer");
        try (SseTestClient sse = SseTestClient.open(api.app.port(), "/events?api_key=" + reader)) {
            sse.next();
            api.packet(globexWriter, "router", "billing-01");
            String ours = api.packet(writer, "router", "billing-01");

            assertThat(packetOf(sse.nextEvent())).isEqualTo(List.of("packet.created", ours));
        }
    }

    @Test
    void websocket_greets_subscribes_answers_pings_and_keeps_the_connection_open_after_client_errors()
            throws Exception {
        try (WsTestClient ws = WsTestClient.connect(api.app.port(), "/ws?api_key=" + reader)) {
            Map<String, Object> hello = LiveApi.map(LiveApi.parse(ws.next()));
            assertThat(hello).containsOnlyKeys("type", "connection_id", "tier", "message")
                    .containsEntry("type", "connected").containsEntry("tier", "business")
                    .containsEntry("message",
                            "HandoffRail WebSocket connected. Subscribe to channels to receive events.");

            ws.send("{not json");
            ws.send("{\"action\": \"dance\"}");
            ws.send("{\"action\": \"subscribe\", \"channel\": \"agent:\"}");
            ws.send("{\"action\": \"subscribe\"}");
            ws.send("[1, 2]");
            ws.send("{\"action\": \"ping\"}");
            ws.send("{\"action\": \"subscribe\", \"channel\": \"agent:billing-01\"}");
            ws.send("{\"action\": \"subscribe\", \"channel\": \"status:created\"}");

            assertThat(ws.nextNonPing()).isEqualTo("{\"type\":\"error\",\"message\":\"Invalid JSON\"}");
            assertThat(ws.nextNonPing()).isEqualTo("{\"type\":\"error\",\"message\":\"Unknown action: dance\"}");
            assertThat(ws.nextNonPing()).isEqualTo("{\"type\":\"error\",\"message\":\"Invalid channel: agent:\"}");
            assertThat(ws.nextNonPing()).isEqualTo("{\"type\":\"error\",\"message\":\"Invalid channel: \"}");
            assertThat(ws.nextNonPing()).isEqualTo("{\"type\":\"error\",\"message\":\"Invalid JSON\"}");
            assertThat(LiveApi.map(LiveApi.parse(ws.nextNonPing()))).containsEntry("type", "pong")
                    .containsEntry("timestamp", "2026-05-30T12:00:00.000000Z");
            assertThat(ws.nextNonPing()).isEqualTo("{\"type\":\"subscribed\",\"channel\":\"agent:billing-01\"}");
            assertThat(ws.nextNonPing()).isEqualTo("{\"type\":\"subscribed\",\"channel\":\"status:created\"}");

            String viaStatus = api.packet(writer, "router", "support-01");
            api.call(writer, "DELETE", "/api/v1/packets/" + viaStatus, null);
            String both = api.packet(writer, "router", "billing-01");
            Map<String, Object> event = LiveApi.map(LiveApi.parse(ws.nextNonPing()));
            assertThat(event).containsEntry("type", "packet.created").containsEntry("packet_id", viaStatus);
            assertThat(LiveApi.map(LiveApi.parse(ws.nextNonPing()))).containsEntry("packet_id", both);

            ws.send("{\"action\": \"unsubscribe\", \"channel\": \"status:created\"}");
            assertThat(ws.nextNonPing()).isEqualTo("{\"type\":\"unsubscribed\",\"channel\":\"status:created\"}");
            api.packet(writer, "router", "support-01");
            String billing = api.packet(writer, "router", "billing-01");
            assertThat(LiveApi.map(LiveApi.parse(ws.nextNonPing()))).containsEntry("packet_id", billing);
        }
    }

    @Test
    void websocket_refuses_the_hundred_and_first_subscription() throws Exception {
        try (WsTestClient ws = WsTestClient.connect(api.app.port(), "/ws", "X-API-Key", reader)) {
            ws.next();
            for (int i = 1; i <= 101; i++) {
                ws.send("{\"action\": \"subscribe\", \"channel\": \"agent:a" + i + "\"}");
            }
            for (int i = 1; i <= 100; i++) {
                assertThat(ws.nextNonPing()).isEqualTo("{\"type\":\"subscribed\",\"channel\":\"agent:a" + i + "\"}");
            }
            assertThat(ws.nextNonPing()).isEqualTo("{\"type\":\"error\",\"message\":\"Too many subscriptions\"}");
        }
    }

    @Test
    void websocket_handshakes_without_a_valid_key_are_refused_with_the_json_envelope_and_no_upgrade()
            throws IOException {
        String missing = upgradeRequest("/ws");
        String revoked = upgradeRequest("/ws?api_key=" + revokedKey());

        assertThat(missing).startsWith("HTTP/1.1 401").contains("\"code\":\"UNAUTHORIZED\"")
                .contains("\"detail\":\"Missing X-API-Key header\"").doesNotContain("101");
        assertThat(revoked).startsWith("HTTP/1.1 401").contains("\"code\":\"KEY_REVOKED\"");
    }

    @Test
    void revoking_a_key_closes_its_websocket_with_1008_and_ends_its_sse_stream_with_the_reason() throws Exception {
        Map<String, Object> key = api.keyJson("acme", "reader", "doomed");
        String secret = (String) key.get("key");
        try (WsTestClient ws = WsTestClient.connect(api.app.port(), "/ws?api_key=" + secret);
             SseTestClient sse = SseTestClient.open(api.app.port(), "/events?api_key=" + secret)) {
            ws.next();
            sse.next();

            assertThat(api.call(LiveApi.ROOT, "DELETE", "/api/v1/keys/" + key.get("id"), null).status())
                    .isEqualTo(204);

            assertThat(ws.closedWith()).isEqualTo("1008 API key has been revoked");
            SseTestClient.Frame last = sse.nextEvent();
            assertThat(last.comments()).containsExactly("API key has been revoked");
            assertThat(sse.next().ended()).isTrue();
        }
    }

    @Test
    void the_free_tier_holds_one_connection_across_websocket_and_sse() throws Exception {
        api.tenant("tiny", "free");
        String tiny = api.key("tiny", "reader");
        try (SseTestClient sse = SseTestClient.open(api.app.port(), "/events?api_key=" + tiny)) {
            sse.next();

            TestResponse second = api.get(tiny, "/events");
            Throwable ws = WsTestClient.refusal(api.app.port(), "/ws?api_key=" + tiny);

            assertThat(second.status()).isEqualTo(429);
            assertThat(second.json()).containsEntry("code", "RATE_LIMITED").containsEntry("window", "connections")
                    .containsEntry("retry_after", 30L)
                    .containsEntry("detail", "Real-time connection limit reached (1 for free tier)");
            assertThat(second.header("Retry-After")).isEqualTo("30");
            assertThat(ws).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
            assertThat(((java.net.http.WebSocketHandshakeException) ws).getResponse().statusCode()).isEqualTo(429);
            String metrics = api.client.get("/metrics").body();
            assertThat(metrics).contains("handoffrail_rate_limited_total{tier=\"free\",window=\"connections\"} 2.0")
                    .contains("handoffrail_realtime_connections{transport=\"sse\"} 1.0")
                    .contains("handoffrail_realtime_connections{transport=\"ws\"} 0.0");
        }
    }

    @Test
    void an_inbound_message_over_64_kib_closes_the_websocket_with_1009() throws Exception {
        try (WsTestClient ws = WsTestClient.connect(api.app.port(), "/ws?api_key=" + reader)) {
            ws.next();

            ws.send("{\"action\": \"ping\", \"pad\": \"" + "x".repeat(70_000) + "\"}");

            assertThat(ws.closedWith()).startsWith("1009");
        }
    }

    @Test
    void shutting_down_closes_websockets_with_1001_and_ends_sse_streams_with_a_reason() throws Exception {
        try (WsTestClient ws = WsTestClient.connect(api.app.port(), "/ws?api_key=" + reader);
             SseTestClient sse = SseTestClient.open(api.app.port(), "/events?api_key=" + reader)) {
            ws.next();
            sse.next();

            api.rail.close();

            assertThat(ws.closedWith()).isEqualTo("1001 Server shutting down; reconnect");
            assertThat(sse.nextEvent().comments()).containsExactly("Server shutting down; reconnect");
            assertThat(sse.next().ended()).isTrue();
        }
    }

    /** A WebSocket upgrade request on a raw socket; returns the status line, headers and body of the answer. */
    private String upgradeRequest(String pathAndQuery) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.app.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            StringBuilder answer = new StringBuilder();
            int length = 0;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                answer.append(line).append('\n');
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            char[] body = new char[length];
            int read = 0;
            while (read < length) {
                int n = in.read(body, read, length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return answer.append('\n').append(body, 0, read).toString();
        }
    }

    private String revokedKey() {
        Map<String, Object> key = api.keyJson("acme", "reader", "revoked");
        api.call(LiveApi.ROOT, "DELETE", "/api/v1/keys/" + key.get("id"), null);
        return (String) key.get("key");
    }

    private static List<Object> packetOf(SseTestClient.Frame frame) {
        Map<String, Object> event = LiveApi.map(LiveApi.parse(frame.data()));
        assertThat(event.get("type")).isEqualTo(frame.event());
        return List.of(frame.event(), event.get("packet_id"));
    }
}
