package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.handoffrail.client.AuthenticationException;
import dev.handoffrail.client.ConflictException;
import dev.handoffrail.client.GoneException;
import dev.handoffrail.client.HandoffRailApiException;
import dev.handoffrail.client.HandoffRailClient;
import dev.handoffrail.client.InvalidRequestException;
import dev.handoffrail.client.NotFoundException;
import dev.handoffrail.client.PayloadTooLargeException;
import dev.handoffrail.client.PermissionDeniedException;
import dev.handoffrail.client.QuotaExceededException;
import dev.handoffrail.client.RateLimitedException;
import dev.handoffrail.client.RetryPolicy;
import dev.handoffrail.client.model.AgentInfo;
import dev.handoffrail.client.model.ApiKey;
import dev.handoffrail.client.model.AuditQuery;
import dev.handoffrail.client.model.HitlCheckpoint;
import dev.handoffrail.client.model.NewApiKey;
import dev.handoffrail.client.model.NewPacket;
import dev.handoffrail.client.model.NewTenant;
import dev.handoffrail.client.model.Packet;
import dev.handoffrail.client.model.PacketContext;
import dev.handoffrail.client.model.PacketQuery;
import dev.handoffrail.client.model.PacketStatus;
import dev.handoffrail.client.model.PacketUpdate;
import dev.handoffrail.client.model.Role;
import dev.handoffrail.client.model.TenantUpdate;
import dev.handoffrail.client.model.Tier;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each error code of the contract that a client can provoke, from the real server, mapped to its exception class
 * with the envelope's members. ({@code MALFORMED_JSON}, {@code UNSUPPORTED_MEDIA_TYPE}, {@code METHOD_NOT_ALLOWED}
 * cannot be produced through the typed client; {@code IDEMPOTENCY_KEY_IN_USE}, {@code SERVER_ERROR} and
 * {@code SERVICE_UNAVAILABLE} not deterministically.)
 */
class ClientErrorMappingEndToEndTest {
    private static final AgentInfo BILLING = AgentInfo.of("billing-01", "BillingBot");
    private static final String UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

    @TempDir
    static Path dir;
    private static ClientTestServer server;

    @BeforeAll
    static void startServer() {
        server = ClientTestServer.start(dir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static NewPacket packet(String from, String to) {
        return NewPacket.builder().from(from, from).to(to, to).summary("summary").build();
    }

    private static <T extends HandoffRailApiException> T error(Class<T> type, String code, int status,
                                                               ThrowingCallable call) {
        T e = catchThrowableOfType(type, call);
        assertThat(e).as("expected %s %s", status, code).isNotNull();
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.detail()).isNotBlank();
        assertThat(e.requestId()).isPresent();
        return e;
    }

    @Test
    void input_errors_are_invalid_requests_with_the_field_at_fault() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();

        InvalidRequestException validation = error(InvalidRequestException.class, "VALIDATION_ERROR", 400,
                () -> rail.packets().create(packet("", "billing-01")));
        assertThat(validation.field()).contains("metadata.source_agent.id");
        assertThat(validation.errors()).extracting(HandoffRailApiException.FieldError::field)
                .contains("metadata.source_agent.id");

        assertThat(error(InvalidRequestException.class, "INVALID_CURSOR", 400,
                () -> rail.packets().list(PacketQuery.all(), "not-a-cursor")).detail()).isEqualTo("Invalid cursor");

        Packet created = rail.packets().create(packet("sales-01", "billing-01"));
        InvalidRequestException transition = error(InvalidRequestException.class, "INVALID_TRANSITION", 400,
                () -> rail.packets().complete(created.id()));
        assertThat(transition.member("allowed_transitions")).hasSize(3);
        error(InvalidRequestException.class, "NO_HITL_CHECKPOINT", 400,
                () -> rail.packets().update(created.id(), PacketUpdate.status(PacketStatus.AWAITING_HUMAN)));

        Packet waiting = rail.packets().create(NewPacket.builder().from("sales-01", "S").to("billing-01", "B")
                .summary("s").hitl(HitlCheckpoint.required("needs approval", null, List.of("Approve", "Deny")))
                .build());
        error(InvalidRequestException.class, "INVALID_HITL_RESPONSE", 400,
                () -> rail.packets().respond(waiting.id(), "Maybe", "manager", null));

        error(InvalidRequestException.class, "BATCH_TOO_LARGE", 400,
                () -> rail.packets().createBatch(Collections.nCopies(51, packet("a", "b"))));
    }

    @Test
    void schema_and_webhook_input_errors_have_their_own_codes() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();

        error(InvalidRequestException.class, "SCHEMA_NOT_FOUND", 400, () -> rail.packets().create(
                NewPacket.builder().from("a", "A").to("b", "B").summary("s").schema(UNKNOWN_ID).build()));
        String schema = rail.schemas().create("needs-amount", 1, Map.of("type", "object",
                "properties", Map.of("custom", Map.of("type", "object", "required", List.of("amount"))))).id();
        InvalidRequestException failed = error(InvalidRequestException.class, "SCHEMA_VALIDATION_FAILED", 400,
                () -> rail.packets().create(NewPacket.builder().from("a", "A").to("b", "B").summary("s")
                        .schema(schema).build()));
        assertThat(failed.field()).contains("context.custom");
        error(InvalidRequestException.class, "INVALID_SCHEMA", 400,
                () -> rail.schemas().create("broken", 1, Map.of("properties", Map.of())));

        assertThat(error(InvalidRequestException.class, "URL_NOT_ALLOWED", 400,
                () -> rail.hooks().create("https://10.1.2.3/hook", null, "whsec_long_enough_secret")).field())
                .contains("url");
    }

    @Test
    void authentication_failures_are_authentication_exceptions() {
        ClientTestServer.Tenant tenant = server.newTenant(Tier.BUSINESS);

        assertThat(error(AuthenticationException.class, "UNAUTHORIZED", 401,
                () -> server.client("hr_unknownKeyThatWasNeverIssued_0123456789abc").stats()).detail())
                .isEqualTo("Invalid API key");
        assertThat(error(AuthenticationException.class, "UNAUTHORIZED", 401,
                () -> server.client(null).stats()).detail()).isEqualTo("Missing X-API-Key header");

        ApiKey revoked = tenant.client().keys().create(NewApiKey.of("soon revoked", Role.READER));
        tenant.client().keys().revoke(revoked.id());
        error(AuthenticationException.class, "KEY_REVOKED", 401, () -> server.client(revoked.key()).stats());

        server.admin().tenants().delete(tenant.id());
        error(AuthenticationException.class, "TENANT_DELETED", 401, () -> tenant.client().stats());
    }

    @Test
    void permission_and_tier_refusals_are_permission_denied() {
        ClientTestServer.Tenant tenant = server.newTenant(Tier.PRO);
        ApiKey reader = tenant.client().keys().create(NewApiKey.of("reader", Role.READER));

        PermissionDeniedException forbidden = error(PermissionDeniedException.class, "FORBIDDEN", 403,
                () -> server.client(reader.key()).packets().create(packet("a", "b")));
        assertThat(forbidden.member("required_role").asText()).isEqualTo("writer");
        error(PermissionDeniedException.class, "FORBIDDEN", 403,
                () -> tenant.client().tenants().create(NewTenant.of("not allowed")));
        error(PermissionDeniedException.class, "TIER_FEATURE_UNAVAILABLE", 403,
                () -> tenant.client().audit().export(AuditQuery.packets(), "ndjson").close());
    }

    @Test
    void quotas_are_quota_exceeded_whether_403_or_429() {
        ClientTestServer.Tenant tenant = server.newTenant(Tier.PRO);
        server.admin().tenants().update(tenant.id(), TenantUpdate.empty().handoffsPerDay(1));
        // no retries: near midnight UTC the daily refusal's Retry-After is short, and a retrying client would
        // rightly wait for the new day and succeed
        HandoffRailClient rail = server.client(tenant.adminKey(), RetryPolicy.none(), duration -> {
            throw new AssertionError("no retry expected");
        });
        rail.packets().create(packet("a", "b"));

        QuotaExceededException daily = error(QuotaExceededException.class, "DAILY_QUOTA_EXCEEDED", 429,
                () -> rail.packets().create(packet("a", "b")));
        assertThat(daily.retryAfter()).isPresent();
        assertThat(daily.member("limit").asInt()).isEqualTo(1);

        server.admin().tenants().update(tenant.id(), TenantUpdate.empty().handoffsPerDay(0));
        for (int agent = 0; agent < 4; agent++) {
            rail.packets().create(packet("agent-" + agent * 2, "agent-" + (agent * 2 + 1)));
        }
        QuotaExceededException agents = error(QuotaExceededException.class, "QUOTA_EXCEEDED", 403,
                () -> rail.packets().create(packet("agent-98", "agent-99")));
        assertThat(agents.member("quota").asText()).isEqualTo("max_agents");
    }

    @Test
    void missing_and_expired_resources_are_not_found_and_gone() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();

        assertThat(error(NotFoundException.class, "NOT_FOUND", 404, () -> rail.packets().get(UNKNOWN_ID)).detail())
                .isEqualTo("Packet " + UNKNOWN_ID + " not found");
        error(NotFoundException.class, "NOT_FOUND", 404, () -> rail.packets().get("not-a-uuid"));
        error(NotFoundException.class, "NOT_FOUND", 404, () -> rail.hooks().replay(UNKNOWN_ID));

        Packet expired = rail.packets().create(packet("a", "b"));
        rail.packets().delete(expired.id());
        error(GoneException.class, "GONE", 410, () -> rail.packets().claim(expired.id(), BILLING));
    }

    @Test
    void state_conflicts_are_conflict_exceptions_with_their_codes() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet packet = rail.packets().create(packet("sales-01", "billing-01"));
        rail.packets().claim(packet.id(), BILLING);

        ConflictException claimed = error(ConflictException.class, "ALREADY_CLAIMED", 409,
                () -> rail.packets().claim(packet.id(), AgentInfo.of("billing-02", "Other")));
        assertThat(claimed.member("claimed_by").get("id").asText()).isEqualTo("billing-01");
        error(ConflictException.class, "NOT_AWAITING_HUMAN", 409,
                () -> rail.packets().respond(packet.id(), "yes", "manager", null));

        Packet waiting = rail.packets().create(NewPacket.builder().from("sales-01", "S").to("billing-01", "B")
                .summary("s").hitl(HitlCheckpoint.required("approval", null, null)).build());
        error(ConflictException.class, "HITL_PENDING", 409, () -> rail.packets().claim(waiting.id(), BILLING));

        rail.packets().complete(packet.id());
        error(ConflictException.class, "PACKET_TERMINAL", 409, () -> rail.packets().update(packet.id(),
                PacketUpdate.empty().withContext(PacketContext.of("changed"))));
        rail.packets().delete(packet.id());
        error(ConflictException.class, "ALREADY_EXPIRED", 409, () -> rail.packets().delete(packet.id()));

        rail.packets().create(packet("a", "b"), "same-key");
        error(ConflictException.class, "IDEMPOTENCY_KEY_REUSED", 409,
                () -> rail.packets().create(packet("c", "d"), "same-key"));

        ApiKey key = rail.keys().create(NewApiKey.of("twice revoked", Role.READER));
        rail.keys().revoke(key.id());
        error(ConflictException.class, "CONFLICT", 409, () -> rail.keys().revoke(key.id()));
    }

    @Test
    void a_body_over_the_tier_limit_is_payload_too_large() {
        HandoffRailClient rail = server.newTenant(Tier.PRO).client();

        PayloadTooLargeException e = error(PayloadTooLargeException.class, "PAYLOAD_TOO_LARGE", 413,
                () -> rail.packets().create(NewPacket.builder().from("a", "A").to("b", "B").summary("big")
                        .custom("blob", "x".repeat(300_000)).build()));

        assertThat(e.member("limit_bytes").asInt()).isEqualTo(262_144);
        assertThat(e.member("tier").asText()).isEqualTo("pro");
    }

    @Test
    void the_per_minute_limit_is_rate_limited_once_retries_are_exhausted() {
        ClientTestServer.Tenant tenant = server.newTenant(Tier.FREE);
        HandoffRailClient rail = server.client(tenant.adminKey(), RetryPolicy.none(), duration -> {
        });
        for (int i = 0; i < 3; i++) {
            rail.stats();
        }

        RateLimitedException e = error(RateLimitedException.class, "RATE_LIMITED", 429, rail::stats);

        assertThat(e.member("window").asText()).isEqualTo("minute");
        assertThat(e.field()).contains("rate_limit");
        assertThat(e.retryAfter()).hasValueSatisfying(wait -> assertThat(wait.toSeconds()).isBetween(1L, 60L));
    }
}
