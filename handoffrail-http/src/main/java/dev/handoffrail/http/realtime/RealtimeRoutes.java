package dev.handoffrail.http.realtime;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.event.Channel;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.port.in.AuthenticateUseCase.Authenticated;
import dev.handoffrail.core.port.in.RealtimeUseCase;
import dev.handoffrail.http.error.ErrorBody;
import dev.handoffrail.http.json.JsonCodec;
import dev.handoffrail.http.route.HttpPipeline;
import dev.handoffrail.http.route.RequestIds;
import dev.handoffrail.http.route.Requests;
import dev.handoffrail.http.route.Responses;
import dev.handoffrail.http.route.Route;
import dev.handoffrail.http.route.Routes;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events} (Server-Sent Events, http-api.md §17.5) and {@code GET /ws} (WebSocket, §17.4). Both admit
 * like any request (the key in {@code X-API-Key} or {@code api_key}, rate limits, role reader), then open a core
 * connection (the tenant's connection limit, §5.4); every refusal is the JSON envelope before any stream or
 * upgrade. {@code /events} is served by Javalin asynchronously, {@code /ws} by its WebSocket handlers.
 */
public final class RealtimeRoutes {
    static final String EVENTS = "/events";
    static final String WS = "/ws";
    /** Inbound WebSocket messages above this close the connection with 1009 (§17.4). */
    static final long MAX_INBOUND_BYTES = 64 * 1024;
    private static final String STREAM_ATTRIBUTE = "handoffrail.ws_stream";
    private static final Duration UPGRADE_GRACE = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeRoutes.class);

    private final HandoffRail rail;
    private final HttpPipeline pipeline;
    private final RealtimeStreams streams;
    private final StreamEvents events;

    public RealtimeRoutes(HandoffRail rail, HttpPipeline pipeline, RealtimeStreams streams, JsonCodec json,
                          MeterRegistry registry) {
        this.rail = rail;
        this.pipeline = pipeline;
        this.streams = streams;
        this.events = new StreamEvents(json, registry);
    }

    public void register(Routes routes) {
        routes.add(Route.get(EVENTS, Operation.SUBSCRIBE_EVENTS).keyInQuery(), this::events);
    }

    /** The WebSocket endpoint: admission before the upgrade, then the session handlers. */
    public void install(JavalinConfig config) {
        config.routes.wsBeforeUpgrade(WS, this::beforeUpgrade);
        config.routes.ws(WS, ws -> {
            ws.onConnect(this::connected);
            ws.onMessage(this::message);
            ws.onBinaryMessage(ctx -> reply(ctx, error("Invalid JSON")));
            ws.onClose(ctx -> ended(ctx));
            ws.onError(ctx -> ended(ctx));
        });
    }

    private void events(Context ctx) throws IOException {
        List<Channel> channels = channels(ctx.queryParams("subscribe"));
        if ("HEAD".equals(ctx.method().name())) {
            streamHeaders(ctx);
            return;
        }
        Authenticated caller = Requests.authenticated(ctx);
        OutputStream out = ctx.res().getOutputStream();
        SseStream stream = new SseStream(out, streams.sseWriters(), streams.settings().bufferedMessages(), events);
        RealtimeUseCase.Connection connection = rail.realtime().open(caller, stream);
        channels.forEach(connection::subscribe);
        stream.attach(connection, streams.unregister());
        streams.opened(stream, caller.tenant().id(), UPGRADE_GRACE);
        streamHeaders(ctx);
        try {
            ctx.res().flushBuffer();
        } catch (IOException e) {
            stream.end(RealtimeStream.Ending.CLIENT_GONE);
            throw e;
        }
        Map<String, Object> greeting = new LinkedHashMap<>();
        greeting.put("connection_id", connection.id());
        greeting.put("message", "HandoffRail SSE connected. Subscribed channels: "
                + (channels.isEmpty() ? "all events" : String.join(", ", channels.stream().map(Channel::toString)
                        .toList())));
        stream.start(stream.formatEvent("connected", events.write(greeting)));
        ctx.future(stream::completion);
    }

    private static void streamHeaders(Context ctx) {
        ctx.status(200);
        ctx.res().setCharacterEncoding("UTF-8");
        ctx.res().setContentType("text/event-stream");
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Accel-Buffering", "no");
    }

    /** {@code subscribe} values as channels: any invalid one, or more than 100, is a 400. */
    private static List<Channel> channels(List<String> values) {
        List<Channel> channels = new ArrayList<>();
        for (String value : values) {
            Channel channel = Channel.parse(value).orElseThrow(() ->
                    ValidationException.of("subscribe", "Invalid channel: " + value));
            if (!channels.contains(channel)) {
                channels.add(channel);
            }
        }
        if (channels.size() > RealtimeUseCase.MAX_SUBSCRIPTIONS) {
            throw ValidationException.of("subscribe", "Too many subscriptions");
        }
        return channels;
    }

    /** Admission of the upgrade request; a refusal is written here, as Javalin would not write its body. */
    private void beforeUpgrade(Context ctx) {
        RequestIds.assign(ctx);
        try {
            Authenticated caller = pipeline.admit(ctx, Operation.SUBSCRIBE_EVENTS, true);
            WsStream stream = new WsStream(streams.settings().bufferedMessages(), events);
            RealtimeUseCase.Connection connection = rail.realtime().open(caller, stream);
            stream.attach(connection, streams.unregister());
            streams.opened(stream, caller.tenant().id(), UPGRADE_GRACE);
            ctx.attribute(STREAM_ATTRIBUTE, stream);
        } catch (RuntimeException e) {
            refuse(ctx, pipeline.errorOf(e, ctx));
        }
    }

    private void refuse(Context ctx, ErrorBody error) {
        ctx.skipRemainingHandlers();
        try {
            error.headers().forEach(ctx.res()::setHeader);
            ctx.res().setStatus(error.status());
            ctx.res().setContentType(Responses.JSON_TYPE);
            byte[] body = events.codec().write(error.json());
            ctx.res().setContentLength(body.length);
            ctx.res().getOutputStream().write(body);
            ctx.res().flushBuffer();
        } catch (IOException e) {
            LOG.debug("the refused upgrade's client left before its answer", e);
        }
    }

    private void connected(WsConnectContext ctx) {
        WsStream stream = ctx.attribute(STREAM_ATTRIBUTE);
        if (stream == null) {
            ctx.closeSession(1011, "Not admitted");
            return;
        }
        ctx.session.setMaxTextMessageSize(MAX_INBOUND_BYTES);
        ctx.session.setIdleTimeout(streams.settings().heartbeat().multipliedBy(4));
        stream.bind(ctx.session);
        Map<String, Object> greeting = new LinkedHashMap<>();
        greeting.put("type", "connected");
        greeting.put("connection_id", stream.connection().id());
        greeting.put("tier", stream.connection().tier().wireName());
        greeting.put("message", "HandoffRail WebSocket connected. Subscribe to channels to receive events.");
        stream.start(events.write(greeting));
    }

    private void message(WsMessageContext ctx) {
        WsStream stream = ctx.attribute(STREAM_ATTRIBUTE);
        if (stream == null) {
            return;
        }
        Object parsed;
        try {
            parsed = events.codec().parse(ctx.message().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            stream.send(error("Invalid JSON"));
            return;
        }
        if (!(parsed instanceof Map<?, ?> fields)) {
            stream.send(error("Invalid JSON"));
            return;
        }
        Object action = fields.get("action");
        Object channelText = fields.get("channel");
        switch (String.valueOf(action)) {
            case "ping" -> stream.send(message("pong", "timestamp", Timestamps.format(rail.clock().instant())));
            case "subscribe", "unsubscribe" -> {
                Channel channel = channelText instanceof String text ? Channel.parse(text).orElse(null) : null;
                if (channel == null) {
                    stream.send(error("Invalid channel: " + (channelText == null ? "" : channelText)));
                } else if ("subscribe".equals(action) && !stream.connection().subscribe(channel)) {
                    stream.send(error("Too many subscriptions"));
                } else {
                    if ("unsubscribe".equals(action)) {
                        stream.connection().unsubscribe(channel);
                    }
                    stream.send(message(action + "d", "channel", channel.toString()));
                }
            }
            default -> stream.send(error("Unknown action: " + action));
        }
    }

    private void reply(WsContext ctx, String message) {
        WsStream stream = ctx.attribute(STREAM_ATTRIBUTE);
        if (stream != null) {
            stream.send(message);
        }
    }

    private void ended(WsContext ctx) {
        WsStream stream = ctx.attribute(STREAM_ATTRIBUTE);
        if (stream != null) {
            stream.end(RealtimeStream.Ending.CLIENT_GONE);
        }
    }

    private String error(String text) {
        return message("error", "message", text);
    }

    /** A server message: {@code type} first, then one member. */
    private String message(String type, String name, String value) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        message.put(name, value);
        return events.write(message);
    }
}
