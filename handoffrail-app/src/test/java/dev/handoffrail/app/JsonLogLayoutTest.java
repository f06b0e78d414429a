package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class JsonLogLayoutTest {
    private final JsonLogLayout layout = new JsonLogLayout();
    private final Logger logger = new LoggerContext().getLogger("dev.handoffrail.test");

    private JsonNode render(LoggingEvent event) throws Exception {
        String line = layout.doLayout(event);
        assertThat(line).endsWith("\n").doesNotContain("\n\n");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
        return new ObjectMapper().readTree(line);
    }

    @Test
    void an_event_becomes_one_json_line_with_the_guides_field_names() throws Exception {
        LoggingEvent event = new LoggingEvent("fqcn", logger, Level.INFO, "packet_created", null, null);
        event.setTimeStamp(1_780_169_700_123L);
        event.setKeyValuePairs(List.of(new KeyValuePair("packet_id", "9b2f"), new KeyValuePair("priority", "high"),
                new KeyValuePair("attempts", 3)));
        event.setMDCPropertyMap(Map.of("request_id", "req-1"));

        JsonNode json = render(event);

        assertThat(json.get("event").asText()).isEqualTo("packet_created");
        assertThat(json.get("level").asText()).isEqualTo("info");
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-05-30T19:35:00.123000Z");
        assertThat(json.get("packet_id").asText()).isEqualTo("9b2f");
        assertThat(json.get("priority").asText()).isEqualTo("high");
        assertThat(json.get("attempts").asLong()).isEqualTo(3);
        assertThat(json.get("request_id").asText()).isEqualTo("req-1");
    }

    @Test
    void an_event_given_as_a_key_value_pair_is_written_once_as_event() throws Exception {
        LoggingEvent event = new LoggingEvent("fqcn", logger, Level.ERROR, null, null, null);
        event.setKeyValuePairs(List.of(new KeyValuePair("event", "request_failed"),
                new KeyValuePair("request_id", "r-9")));
        event.setMDCPropertyMap(Map.of());

        String line = layout.doLayout(event);

        assertThat(new ObjectMapper().readTree(line).get("event").asText()).isEqualTo("request_failed");
        assertThat(line.split("\"event\"", -1)).hasSize(2);
    }

    @Test
    void warn_is_spelled_warning_as_in_hr_log_level() throws Exception {
        LoggingEvent event = new LoggingEvent("fqcn", logger, Level.WARN, "cors_allows_any_origin", null, null);
        event.setMDCPropertyMap(Map.of());
        assertThat(render(event).get("level").asText()).isEqualTo("warning");
    }

    @Test
    void exceptions_are_logged_without_their_message_which_may_carry_data() throws Exception {
        Exception failure = new IllegalStateException("summary: the customer's secret plan hr_secretkey");
        LoggingEvent event = new LoggingEvent("fqcn", logger, Level.ERROR, "request_failed", failure, null);
        event.setMDCPropertyMap(Map.of());

        JsonNode json = render(event);

        assertThat(json.get("error_type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json.get("stack").isArray()).isTrue();
        assertThat(json.toString()).doesNotContain("secret").doesNotContain("hr_secretkey");
    }
}
