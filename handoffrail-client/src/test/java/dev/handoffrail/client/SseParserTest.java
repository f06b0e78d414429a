package dev.handoffrail.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
    private final List<String> seen = new ArrayList<>();
    private final SseParser parser = new SseParser(new SseParser.Sink() {
        @Override
        public void event(String type, String data, String lastEventId) {
            seen.add("event " + type + " [" + data + "] id=" + lastEventId);
        }

        @Override
        public void comment(String text) {
            seen.add("comment " + text);
        }

        @Override
        public void retry(long millis) {
            seen.add("retry " + millis);
        }
    });

    private List<String> parse(String stream) throws IOException {
        parser.parse(new StringReader(stream));
        return seen;
    }

    @Test
    void the_servers_messages_are_an_event_line_and_a_data_line_then_a_blank_line() throws IOException {
        assertThat(parse("event: connected\ndata: {\"connection_id\":\"c1\"}\n\n"
                + "event: packet.created\ndata: {\"type\":\"packet.created\"}\n\n"))
                .containsExactly("event connected [{\"connection_id\":\"c1\"}] id=",
                        "event packet.created [{\"type\":\"packet.created\"}] id=");
    }

    @Test
    void data_lines_are_joined_with_line_feeds_and_lose_one_leading_space_only() throws IOException {
        assertThat(parse("data: one\ndata:  two\ndata:three\ndata\n\n"))
                .containsExactly("event message [one\n two\nthree\n] id=");
    }

    @Test
    void crlf_and_lone_cr_end_lines_like_lf_and_a_leading_bom_is_skipped() throws IOException {
        assertThat(parse("\uFEFFevent: a\r\ndata: x\r\n\r\nevent: b\rdata: y\r\r"))
                .containsExactly("event a [x] id=", "event b [y] id=");
    }

    @Test
    void comments_are_reported_without_the_colon_and_one_space_and_do_not_dispatch() throws IOException {
        assertThat(parse(": Server shutting down; reconnect\n\n:keepalive\n\n"))
                .containsExactly("comment Server shutting down; reconnect", "comment keepalive");
    }

    @Test
    void a_blank_line_without_data_dispatches_nothing_and_resets_the_type() throws IOException {
        assertThat(parse("event: ping\n\ndata: x\n\n")).containsExactly("event message [x] id=");
    }

    @Test
    void id_persists_across_events_unless_it_contains_nul_and_retry_needs_digits_only() throws IOException {
        assertThat(parse("id: 7\ndata: a\n\nid: 8\u0000\nretry: 15x\nretry: 1500\ndata: b\n\n"))
                .containsExactly("event message [a] id=7", "retry 1500", "event message [b] id=7");
    }

    @Test
    void unknown_fields_are_ignored_and_an_unterminated_event_at_the_end_is_discarded() throws IOException {
        assertThat(parse("foo: bar\ndata: kept\n\ndata: lost")).containsExactly("event message [kept] id=");
    }

    @Test
    void input_split_anywhere_parses_the_same() {
        String stream = "event: a\r\ndata: x\r\n\r\n";
        for (char c : stream.toCharArray()) {
            parser.feed(new char[] {c}, 1);
        }
        assertThat(seen).containsExactly("event a [x] id=");
    }
}
