package dev.handoffrail.core.memory;

import dev.handoffrail.core.packet.ConversationEntry;
import dev.handoffrail.core.packet.Decision;
import dev.handoffrail.core.packet.Packet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The searchable words of a packet and how well a search matches them. Stateless. */
final class PacketText {
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private PacketText() {
    }

    /** How many times the query words occur in the packet; 0 unless every word occurs at least once. */
    static int relevance(Packet packet, List<String> words) {
        if (words.isEmpty()) {
            return 0;
        }
        List<String> text = words(packet);
        int total = 0;
        for (String word : words) {
            int occurrences = Collections.frequency(text, word.toLowerCase(Locale.ROOT));
            if (occurrences == 0) {
                return 0;
            }
            total += occurrences;
        }
        return total;
    }

    /** The lower-cased words of the summary, tags, conversation contents and decision texts. */
    static List<String> words(Packet packet) {
        List<String> fields = new ArrayList<>();
        fields.add(packet.context().summary());
        fields.addAll(packet.tags());
        packet.context().conversationState().stream().map(ConversationEntry::content).forEach(fields::add);
        packet.decisions().stream().map(Decision::decision).forEach(fields::add);
        List<String> words = new ArrayList<>();
        for (String field : fields) {
            for (String word : NON_WORD.split(field.toLowerCase(Locale.ROOT))) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        return words;
    }
}
