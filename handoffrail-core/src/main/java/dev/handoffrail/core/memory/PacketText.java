package dev.handoffrail.core.memory;

import dev.handoffrail.core.packet.ConversationEntry;
import dev.handoffrail.core.packet.Decision;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.SearchTerms;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Full-text matching of packets as {@link SearchTerms} reads text: stems of the summary, tags, conversation
 * contents and decision texts. Stateless.
 */
final class PacketText {
    private PacketText() {
    }

    /**
     * How often the stems of the query words occur in the packet; 0 unless every stem occurs at least once.
     * Words without a stem (stop words) are ignored, as PostgreSQL does; with no stem left nothing matches.
     */
    static int relevance(Packet packet, List<String> words) {
        Set<String> wanted = new LinkedHashSet<>();
        words.forEach(word -> wanted.addAll(stems(word)));
        if (wanted.isEmpty()) {
            return 0;
        }
        List<String> stems = stems(packet);
        int total = 0;
        for (String stem : wanted) {
            int occurrences = Collections.frequency(stems, stem);
            if (occurrences == 0) {
                return 0;
            }
            total += occurrences;
        }
        return total;
    }

    private static List<String> stems(Packet packet) {
        List<String> stems = new ArrayList<>(stems(packet.context().summary()));
        packet.tags().forEach(tag -> stems.addAll(stems(tag)));
        packet.context().conversationState().stream().map(ConversationEntry::content)
                .forEach(content -> stems.addAll(stems(content)));
        packet.decisions().stream().map(Decision::decision)
                .forEach(decision -> stems.addAll(stems(decision)));
        return stems;
    }

    /** The stem of every searchable word of {@code text}, repeats kept. */
    static List<String> stems(String text) {
        return SearchTerms.wordOccurrences(text).stream().map(EnglishStemmer::stem).toList();
    }
}
