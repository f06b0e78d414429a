package dev.handoffrail.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
    private static final String SECRET = "whsec_test_secret_value";
    private static final byte[] BODY = "{\"event\":\"packet.created\"}".getBytes(UTF_8);
    private static final long NOW = 1_780_000_000L;

    private final WebhookVerifier verifier = WebhookVerifier.builder(SECRET)
            .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC)).build();

    @Test
    void a_v2_signature_made_with_the_secret_is_accepted_whatever_the_header_case() {
        String header = "t=" + NOW + ",sha256=" + TestMacs.hex(SECRET, NOW + "." + new String(BODY, UTF_8));

        assertThat(verifier.isValid(Map.of("x-hr-signature-v2", header), BODY)).isTrue();
        assertThat(verifier.isValid(Map.of("X-HR-Signature-V2", header), BODY)).isTrue();
    }

    @Test
    void a_v2_signature_over_another_body_is_refused() {
        String header = "t=" + NOW + ",sha256=" + TestMacs.hex(SECRET, NOW + ".{}");

        assertThatThrownBy(() -> verifier.verify(Map.of("X-HR-Signature-V2", header), BODY))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessage("X-HR-Signature-V2 does not match the body");
    }

    @Test
    void a_v2_signature_older_than_the_tolerance_is_refused() {
        long then = NOW - 301;
        String header = "t=" + then + ",sha256=" + TestMacs.hex(SECRET, then + "." + new String(BODY, UTF_8));

        assertThatThrownBy(() -> verifier.verify(Map.of("X-HR-Signature-V2", header), BODY))
                .hasMessage("the timestamp is 301 s away from now (tolerance 300 s)");
    }

    @Test
    void a_v2_signature_at_the_edge_of_the_tolerance_is_accepted() {
        long then = NOW - 300;
        String header = "t=" + then + ",sha256=" + TestMacs.hex(SECRET, then + "." + new String(BODY, UTF_8));

        assertThat(verifier.isValid(Map.of("X-HR-Signature-V2", header), BODY)).isTrue();
    }

    @Test
    void a_malformed_v2_header_is_refused() {
        assertThatThrownBy(() -> verifier.verify(Map.of("X-HR-Signature-V2", "sha256=abc"), BODY))
                .hasMessage("X-HR-Signature-V2 is malformed");
    }

    @Test
    void the_untimed_signature_alone_is_refused_unless_allowed() {
        String header = "sha256=" + TestMacs.hex(SECRET, new String(BODY, UTF_8));

        assertThatThrownBy(() -> verifier.verify(Map.of("X-HR-Signature", header), BODY))
                .hasMessageStartingWith("only the untimed X-HR-Signature was sent");
        WebhookVerifier lenient = WebhookVerifier.builder(SECRET).acceptUntimedSignature(true).build();
        assertThat(lenient.isValid(Map.of("X-HR-Signature", header), BODY)).isTrue();
        assertThat(lenient.isValid(Map.of("X-HR-Signature", header), "{}".getBytes(UTF_8))).isFalse();
    }

    @Test
    void a_standard_webhooks_signature_is_accepted_among_several() {
        String id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
        String signature = TestMacs.base64(SECRET, id + "." + NOW + "." + new String(BODY, UTF_8));
        Map<String, String> headers = Map.of("webhook-id", id, "webhook-timestamp", String.valueOf(NOW),
                "webhook-signature", "v1,bm90IHRoaXMgb25l v1," + signature);

        assertThat(verifier.isValid(headers, BODY)).isTrue();
    }

    @Test
    void a_standard_webhooks_signature_for_another_id_is_refused() {
        String signature = TestMacs.base64(SECRET, "msg_other." + NOW + "." + new String(BODY, UTF_8));
        Map<String, String> headers = Map.of("Webhook-Id", "msg_1", "Webhook-Timestamp", String.valueOf(NOW),
                "Webhook-Signature", "v1," + signature);

        assertThatThrownBy(() -> verifier.verify(headers, BODY)).hasMessage("no webhook-signature matches the body");
    }

    @Test
    void a_standard_webhooks_signature_without_its_id_is_refused() {
        assertThatThrownBy(() -> verifier.verify(Map.of("webhook-signature", "v1,AAAA"), BODY))
                .hasMessage("webhook-id and webhook-timestamp are required");
    }

    @Test
    void a_request_without_any_signature_is_refused() {
        assertThatThrownBy(() -> verifier.verify(Map.of("Content-Type", "application/json"), BODY))
                .hasMessage("no signature header");
    }

    @Test
    void an_empty_secret_is_rejected_at_once() {
        assertThatThrownBy(() -> WebhookVerifier.of("")).isInstanceOf(IllegalArgumentException.class);
    }
}
