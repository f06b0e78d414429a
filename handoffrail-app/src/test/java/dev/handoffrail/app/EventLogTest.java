package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.IssuedApiKey;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.Priority;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

class EventLogTest {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.handoffrail.events");

    private Level previousLevel;

    @BeforeEach
    void capture() {
        // other tests in this JVM start the application with HR_LOG_LEVEL=error
        previousLevel = logger.getLevel();
        logger.setLevel(Level.INFO);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
    }

    @Test
    void a_created_packet_is_logged_with_the_guides_fields_and_without_its_content() {
        try (HandoffRail rail = HandoffRail.builder().observer(new EventLog()).build()) {
            IssuedApiKey admin = rail.manageKeys().bootstrap(null);
            Caller caller = Caller.of(rail.authenticate().authenticate(admin.secret()).key());
            var packet = rail.createPacket().create(caller, PacketDraft.of(AgentInfo.of("sales-01", "SalesBot"),
                    AgentInfo.of("billing-01", "BillingBot"), "secret upgrade plans").withPriority(Priority.HIGH));

            ILoggingEvent line = appender.list.stream()
                    .filter(e -> e.getFormattedMessage().equals("packet_created")).findFirst().orElseThrow();
            Map<String, Object> fields = line.getKeyValuePairs().stream()
                    .collect(Collectors.toMap(p -> p.key, p -> p.value));

            assertThat(fields).containsEntry("packet_id", packet.id().toString())
                    .containsEntry("tenant_id", "default")
                    .containsEntry("source_agent", "sales-01")
                    .containsEntry("target_agent", "billing-01")
                    .containsEntry("priority", "high");
            assertThat(appender.list).allSatisfy(e -> assertThat(values(e.getKeyValuePairs()) + e.getFormattedMessage())
                    .doesNotContain("secret upgrade plans").doesNotContain(admin.secret()));
        }
    }

    @Test
    void event_names_are_snake_case() {
        assertThat(EventLog.eventName(EventType.HITL_RESPONSE_READY))
                .isEqualTo("hitl_response_ready");
    }

    private static String values(List<KeyValuePair> pairs) {
        return pairs == null ? "" : pairs.toString();
    }
}
