package dev.handoffrail.http.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.packet.PacketStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void limit_and_offset_default_to_50_and_0() {
        QueryParams query = new QueryParams(Map.of());

        assertThat(query.limit()).isEqualTo(50);
        assertThat(query.offset()).isZero();
    }

    @Test
    void limit_accepts_1_to_200() {
        assertThat(of("limit", "1").limit()).isEqualTo(1);
        assertThat(of("limit", "200").limit()).isEqualTo(200);
        assertRejected(() -> of("limit", "0").limit(), "limit", "must be an integer between 1 and 200");
        assertRejected(() -> of("limit", "201").limit(), "limit", "must be an integer between 1 and 200");
        assertRejected(() -> of("limit", "ten").limit(), "limit", "must be an integer between 1 and 200");
        assertRejected(() -> of("limit", "1.5").limit(), "limit", "must be an integer between 1 and 200");
    }

    @Test
    void offset_must_not_be_negative() {
        assertThat(of("offset", "7").offset()).isEqualTo(7);
        assertRejected(() -> of("offset", "-1").offset(), "offset", "must be an integer >= 0");
    }

    @Test
    void booleans_are_true_or_false_only() {
        assertThat(of("flag", "true").bool("flag")).isTrue();
        assertThat(of("flag", "false").bool("flag")).isFalse();
        assertThat(new QueryParams(Map.of()).bool("flag")).isNull();
        assertRejected(() -> of("flag", "1").bool("flag"), "flag", "must be true or false");
        assertRejected(() -> of("flag", "True").bool("flag"), "flag", "must be true or false");
    }

    @Test
    void timestamps_are_rfc_3339_with_any_offset() {
        assertThat(of("after", "2026-05-30T12:00:00+02:00").timestamp("after"))
                .isEqualTo(Instant.parse("2026-05-30T10:00:00Z"));
        assertThat(of("after", "2026-05-30T12:00:00").timestamp("after"))
                .isEqualTo(Instant.parse("2026-05-30T12:00:00Z"));
        assertRejected(() -> of("after", "yesterday").timestamp("after"), "after", "must be an RFC 3339 timestamp");
    }

    @Test
    void comma_separated_values_are_parsed_and_unknown_ones_rejected() {
        assertThat(of("status", "created, claimed").csvOf("status", PacketStatus::fromWire, "..."))
                .containsExactly(PacketStatus.CREATED, PacketStatus.CLAIMED);
        assertRejected(() -> of("status", "created,done").csvOf("status", PacketStatus::fromWire, "created"),
                "status", "must be one of: created");
    }

    @Test
    void a_repeated_parameter_reads_as_its_values_joined() {
        QueryParams query = new QueryParams(Map.of("tags", List.of("a", "b,c")));

        assertThat(query.csv("tags")).containsExactly("a", "b", "c");
        assertThat(query.all("tags")).containsExactly("a", "b,c");
    }

    @Test
    void a_single_value_is_parsed_or_rejected() {
        assertThat(of("status", "expired").one("status", PacketStatus::fromWire, "x"))
                .isEqualTo(PacketStatus.EXPIRED);
        assertRejected(() -> of("status", "EXPIRED").one("status", PacketStatus::fromWire, "expired"),
                "status", "must be one of: expired");
    }

    private static QueryParams of(String name, String value) {
        return new QueryParams(Map.of(name, List.of(value)));
    }

    private static void assertRejected(Runnable read, String field, String message) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.errors().get(0).message()).isEqualTo(message);
        });
    }
}
