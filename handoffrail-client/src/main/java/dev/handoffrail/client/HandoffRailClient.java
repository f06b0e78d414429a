package dev.handoffrail.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoffrail.client.Transport.Call;
import dev.handoffrail.client.model.AgentInfo;
import dev.handoffrail.client.model.Stats;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The Java client of the HandoffRail v1 API. Immutable and thread-safe: build one per server and key, share it.
 *
 * <pre>{@code
 * HandoffRailClient rail = HandoffRailClient.builder()
 *         .baseUrl("http://localhost:8080").apiKey(System.getenv("HR_API_KEY")).build();
 * Packet packet = rail.packets().create(NewPacket.builder()
 *         .from("sales-01", "SalesBot").to("billing-01", "BillingBot").summary("Upgrade to Business").build());
 * }</pre>
 *
 * Errors are {@link HandoffRailApiException}s. Calls are retried as {@link RetryPolicy} describes; creations carry
 * a generated {@code Idempotency-Key}. Real-time events come through {@link #events()}; claim leases through
 * {@link PacketsApi#claim(String, AgentInfo, Duration)}, {@link PacketsApi#heartbeat(String, String)} and the
 * {@link #worker(AgentInfo) worker}, which heartbeats on its own.
 */
public final class HandoffRailClient {
    private final Transport transport;
    private final PacketsApi packets;
    private final SchemasApi schemas;
    private final WebhooksApi hooks;
    private final KeysApi keys;
    private final TenantsApi tenants;
    private final AuditApi audit;
    private final EventsApi events;

    private HandoffRailClient(Transport transport) {
        this.transport = transport;
        this.packets = new PacketsApi(transport);
        this.schemas = new SchemasApi(transport);
        this.hooks = new WebhooksApi(transport);
        this.keys = new KeysApi(transport);
        this.tenants = new TenantsApi(transport);
        this.audit = new AuditApi(transport);
        this.events = new EventsApi(transport);
    }

    public static Builder builder() {
        return new Builder();
    }

    public PacketsApi packets() {
        return packets;
    }

    public SchemasApi schemas() {
        return schemas;
    }

    public WebhooksApi hooks() {
        return hooks;
    }

    public KeysApi keys() {
        return keys;
    }

    public TenantsApi tenants() {
        return tenants;
    }

    public AuditApi audit() {
        return audit;
    }

    /** Real-time events over {@code GET /events}: {@code events().subscribe(filter, listener)}. */
    public EventsApi events() {
        return events;
    }

    /** {@code GET /api/v1/stats}: the tenant's numbers. */
    public Stats stats() {
        return transport.call(Call.get("/api/v1/stats"), Stats.class);
    }

    /** {@code GET /api/v1/system/health} (platform admin): the operator's report, as the JSON it is (§15.2). */
    public JsonNode systemHealth() {
        return transport.call(Call.get("/api/v1/system/health"), JsonNode.class);
    }

    /** {@code GET /health}: {@code {"status": "ok", ...}} while the server runs. */
    public JsonNode health() {
        return transport.call(Call.get("/health"), JsonNode.class);
    }

    /**
     * A worker that claims packets for {@code agent} one at a time under a claim lease (60 s by default, kept alive
     * by heartbeats), runs a handler on each and completes or fails it. See {@link Worker}.
     */
    public Worker worker(AgentInfo agent) {
        return new Worker(packets, agent);
    }

    /** Builds a client. Not thread-safe; {@code baseUrl} is required, the rest has defaults. */
    public static final class Builder {
        private String baseUrl;
        private String apiKey;
        private HttpClient httpClient;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Sleeper sleeper = Sleeper.system();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The server's root ({@code http://host:8080}); a trailing {@code /api/v1} or slash is ignored. */
        public Builder baseUrl(String value) {
            this.baseUrl = value;
            return this;
        }

        /** The {@code X-API-Key}; null sends none (only the probes answer then). */
        public Builder apiKey(String value) {
            this.apiKey = value;
            return this;
        }

        /** A JDK client to share (its own connect timeout then applies). */
        public Builder httpClient(HttpClient value) {
            this.httpClient = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value);
            return this;
        }

        /** How long one attempt may take; a long poll ({@code claimNext} with a wait) gets its wait on top. */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = Objects.requireNonNull(value);
            return this;
        }

        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value);
            return this;
        }

        /** How the client waits between attempts (tests record instead of sleeping). */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value);
            return this;
        }

        /** The clock that turns an HTTP-date {@code Retry-After} into a wait. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        public HandoffRailClient build() {
            if (baseUrl == null || baseUrl.isBlank()) {
                throw new IllegalStateException("baseUrl is required, e.g. http://localhost:8080");
            }
            String root = baseUrl.trim();
            while (root.endsWith("/")) {
                root = root.substring(0, root.length() - 1);
            }
            if (root.endsWith("/api/v1")) {
                root = root.substring(0, root.length() - "/api/v1".length());
            }
            URI uri = URI.create(root);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an http or https URL, got '" + baseUrl + "'");
            }
            HttpClient http = httpClient != null ? httpClient
                    : HttpClient.newBuilder().connectTimeout(connectTimeout).build();
            return new HandoffRailClient(new Transport(http, root, apiKey, Json.newMapper(), retryPolicy, sleeper,
                    requestTimeout, clock));
        }
    }
}
