package dev.handoffrail.core.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.event.EventType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The expected MACs were computed independently with Python's {@code hmac} and {@code base64} modules. */
class WebhookSignerTest {
    private static final String SECRET = "whsec_4f1d0c9e8b7a6a5b4c3d";
    private static final byte[] BODY = "{\"event\":\"packet.completed\",\"note\":\"café\"}".getBytes(UTF_8);
    private static final long TS = 1_780_170_600L;
    private static final String V1 = "sha256=f5222c7907b4779dfc6bb705e98ca2bf5ceafb66d1e59f0e6e1b3224658c7e9b";
    private static final String V2 =
            "t=1780170600,sha256=6e188bcbffb06180d81d31664e437fb52ba42cfef36cd95064de2f62589728da";

    private static final String STANDARD = "v1,oHQuhoI9BSfeGXEmR+5T/1KbxgRbFoORZ7ZZkLAw7mI=";

    private static Clock at(long unixSeconds) {
        return Clock.fixed(Instant.ofEpochSecond(unixSeconds), ZoneOffset.UTC);
    }

    @Test
    void v1_signs_the_body_alone() {
        assertThat(WebhookSigner.signatureV1(SECRET, BODY)).isEqualTo(V1);
    }

    @Test
    void v1_matches_the_rfc_4231_hmac_sha256_vector() {
        assertThat(WebhookSigner.signatureV1("Jefe", "what do ya want for nothing?".getBytes(UTF_8)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void the_secret_is_keyed_as_utf8() {
        assertThat(WebhookSigner.signatureV1("sécret-ünïcode-key", "{}".getBytes(UTF_8)))
                .isEqualTo("sha256=42b593c9ed6ca77e1eaf8c6931346dad45b44d9de4ce8a5dfe535ae2b6950149");
    }

    @Test
    void v2_signs_the_timestamp_a_dot_and_the_body() {
        assertThat(WebhookSigner.signatureV2(SECRET, TS, BODY)).isEqualTo(V2);
    }

    @Test
    void an_empty_secret_is_refused() {
        assertThatThrownBy(() -> WebhookSigner.signatureV1("", BODY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_standard_signature_signs_the_delivery_id_the_timestamp_and_the_body_in_base64() {
        DeliveryId delivery = new DeliveryId(UUID.fromString("d0a1c3e2-0000-4000-8000-000000000001"));

        assertThat(WebhookSigner.standardSignature(SECRET, delivery, TS, BODY)).isEqualTo(STANDARD);
    }

    @Test
    void during_a_rotation_both_standard_signatures_are_sent_current_first_and_x_hr_uses_the_current_secret() {
        DeliveryId delivery = new DeliveryId(UUID.fromString("d0a1c3e2-0000-4000-8000-000000000001"));

        Map<String, String> headers = WebhookSigner.headers(EventType.PACKET_COMPLETED, delivery, 1, TS,
                List.of(SECRET, "whsec_previous_secret_0001"), BODY);

        assertThat(headers.get("webhook-signature"))
                .isEqualTo(STANDARD + " v1,t+Z/0/fg/p0MCIj9Lg5Z4b9gBf87QdQMwuieZvu77xg=");
        assertThat(headers.get("X-HR-Signature")).isEqualTo(V1);
        assertThat(headers.get("X-HR-Signature-V2")).isEqualTo(V2);
    }

    @Test
    void an_attempt_without_a_secret_is_refused() {
        assertThatThrownBy(() -> WebhookSigner.headers(EventType.PACKET_CREATED, DeliveryId.random(), 1, TS,
                List.of(), BODY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_headers_are_the_eight_of_the_contract_then_the_three_standard_webhooks_ones_in_order() {
        DeliveryId delivery = new DeliveryId(UUID.fromString("d0a1c3e2-0000-4000-8000-000000000001"));

        Map<String, String> headers =
                WebhookSigner.headers(EventType.HITL_RESPONSE_READY, delivery, 3, TS, SECRET, BODY);

        assertThat(headers).containsExactly(
                Map.entry("Content-Type", "application/json"),
                Map.entry("User-Agent", "HandoffRail-Webhook/1"),
                Map.entry("X-HR-Event", "hitl.response_ready"),
                Map.entry("X-HR-Delivery-ID", "d0a1c3e2-0000-4000-8000-000000000001"),
                Map.entry("X-HR-Attempt", "3"),
                Map.entry("X-HR-Timestamp", "1780170600"),
                Map.entry("X-HR-Signature", V1),
                Map.entry("X-HR-Signature-V2", V2),
                Map.entry("webhook-id", "d0a1c3e2-0000-4000-8000-000000000001"),
                Map.entry("webhook-timestamp", "1780170600"),
                Map.entry("webhook-signature", STANDARD));
    }

    @Test
    void attempts_are_numbered_from_one() {
        assertThatThrownBy(() -> WebhookSigner.headers(EventType.PACKET_CREATED, DeliveryId.random(), 0, TS, SECRET,
                BODY)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"0, true", "300, true", "-300, true", "301, false", "-301, false", "86400, false"})
    void verification_accepts_a_signature_only_within_five_minutes(long skew, boolean valid) {
        assertThat(WebhookSigner.verifyV2(SECRET, V2, BODY, at(TS + skew))).isEqualTo(valid);
    }

    @Test
    void verification_accepts_upper_case_hex_of_the_right_mac() {
        assertThat(WebhookSigner.verifyV2(SECRET, V2.toUpperCase().replace("T=", "t=").replace("SHA256", "sha256"),
                BODY, at(TS))).isTrue();
    }

    @Test
    void verification_rejects_another_body_secret_or_timestamp() {
        assertThat(WebhookSigner.verifyV2(SECRET, V2, "{}".getBytes(UTF_8), at(TS))).isFalse();
        assertThat(WebhookSigner.verifyV2(SECRET + "x", V2, BODY, at(TS))).isFalse();
        assertThat(WebhookSigner.verifyV2(SECRET, V2.replace("t=1780170600", "t=1780170601"), BODY, at(TS)))
                .isFalse();
    }

    @Test
    void a_signature_made_now_verifies() {
        long now = 1_900_000_000L;

        assertThat(WebhookSigner.verifyV2(SECRET, WebhookSigner.signatureV2(SECRET, now, BODY), BODY, at(now)))
                .isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "sha256=f5222c7907b4779dfc6bb705e98ca2bf5ceafb66d1e59f0e6e1b3224658c7e9b",
        "t=1780170600", "t=,sha256=6e188bcbffb06180d81d31664e437fb52ba42cfef36cd95064de2f62589728da",
        "t=-1780170600,sha256=6e188bcbffb06180d81d31664e437fb52ba42cfef36cd95064de2f62589728da",
        "t=1780170600,sha256=6e188bcbffb06180d81d31664e437fb52ba42cfef36cd95064de2f62589728d",
        "t=1780170600,sha256=6e188bcbffb06180d81d31664e437fb52ba42cfef36cd95064de2f62589728daa",
        "t=1780170600,sha256=6e188bcbffb06180d81d31664e437fb52ba42cfef36cd95064de2f62589728dz",
        "t=1780170600, sha256=6e188bcbffb06180d81d31664e437fb52ba42cfef36cd95064de2f62589728da",
        "sha256=6e188bcbffb06180d81d31664e437fb52ba42cfef36cd95064de2f62589728da,t=1780170600",
        "t=99999999999999999999,sha256=6e188bcbffb06180d81d31664e437fb52ba42cfef36cd95064de2f62589728da"})
    void malformed_headers_never_verify(String header) {
        assertThat(WebhookSigner.verifyV2(SECRET, header, BODY, at(TS))).isFalse();
    }
}
