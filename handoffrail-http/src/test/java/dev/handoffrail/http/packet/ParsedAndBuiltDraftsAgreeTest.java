package dev.handoffrail.http.packet;

import static dev.handoffrail.http.packet.JsonEdits.errorsOf;
import static dev.handoffrail.http.packet.JsonEdits.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.packet.PacketRules;
import dev.handoffrail.core.testing.RuleBreakingPacket;
import org.junit.jupiter.api.Test;

/**
 * A body read by this adapter and the same content built as a draft in code get exactly the same errors, in the
 * same order: the parser applies the core's {@code PacketRules} as it reads, and the core applies them to drafts.
 */
class ParsedAndBuiltDraftsAgreeTest {
    @Test
    void a_draft_built_directly_gets_exactly_the_errors_the_parser_gives_for_the_same_content() {
        assertThat(errorsOf(() -> PacketInputParser.parseDraft(json(RuleBreakingPacket.json()))))
                .isEqualTo(PacketRules.validate(RuleBreakingPacket.draft()))
                .isEqualTo(RuleBreakingPacket.errors());
    }
}
