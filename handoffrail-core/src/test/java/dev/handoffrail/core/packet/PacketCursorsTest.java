package dev.handoffrail.core.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PacketCursorsTest {
    private static final PacketCursor CURSOR =
            new PacketCursor(Instant.parse("2026-05-30T19:35:00.123456Z"), SamplePackets.ID);

    @Test
    void a_cursor_round_trips() {
        assertThat(PacketCursors.decode(PacketCursors.encode(CURSOR))).isEqualTo(CURSOR);
    }

    @Test
    void a_cursor_is_unpadded_base64url_of_the_position_as_text() {
        String encoded = PacketCursors.encode(CURSOR);

        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8))
                .isEqualTo("2026-05-30T19:35:00.123456Z|9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10");
    }

    @Test
    void a_position_with_another_offset_or_upper_case_id_names_the_same_packet() {
        String position = "2026-05-30T21:35:00.123456+02:00|9B2F3C1E-2D8A-4A51-9F0E-6F2F1B9A7C10";

        assertThat(PacketCursors.decode(base64(position))).isEqualTo(CURSOR);
    }

    @Test
    void anything_undecodable_is_an_invalid_cursor() {
        List<String> garbage = new ArrayList<>(List.of("", "!!!", "not base64 at all", "abc$", "a",
                base64("hello"), base64("|"), base64("2026-05-30T19:35:00Z|"),
                base64("|9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10"),
                base64("yesterday|9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10"), base64("2026-05-30T19:35:00Z|42"),
                base64("2026-05-30T19:35:00Z|9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10|x"),
                base64("{\"created_at\":\"2026-05-30T19:35:00.123456Z\","
                        + "\"id\":\"9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10\"}"),
                base64("[]"), base64("null"), base64("{}"), base64("\"x\""),
                base64("{\"created_at\":\"2026-05-30T19:35:00Z\"}"),
                base64("{\"id\":\"9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10\"}"),
                base64("{\"created_at\":\"yesterday\",\"id\":\"9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10\"}"),
                base64("{\"created_at\":\"2026-05-30T19:35:00Z\",\"id\":\"42\"}"),
                base64("{\"created_at\":1780000000,\"id\":\"9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10\"}"),
                base64("{\"created_at\":\"2026-05-30T19:35:00Z\",\"id\":[\"9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10\"]}"),
                base64("{\"created_at\":\"2026-05-30T19:35:00Z\",\"id\":\"9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10\""),
                base64("[".repeat(100)),
                Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, '{'}),
                "A".repeat(100_000)));
        garbage.add(null);
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[random.nextInt(120)];
            random.nextBytes(bytes);
            garbage.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }

        for (String text : garbage) {
            Throwable thrown = catchThrowable(() -> PacketCursors.decode(text));

            assertThat(thrown).as(String.valueOf(text)).isExactlyInstanceOf(HandoffRailException.class)
                    .hasMessage("Invalid cursor");
            assertThat(((HandoffRailException) thrown).code()).isEqualTo(ErrorCode.INVALID_CURSOR);
        }
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
