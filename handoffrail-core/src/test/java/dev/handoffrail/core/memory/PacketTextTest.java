package dev.handoffrail.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.packet.SearchTerms;
import org.junit.jupiter.api.Test;

class PacketTextTest {

    @Test
    void indexed_text_yields_the_stem_of_every_word_with_repeats() {
        assertThat(PacketText.stems("Upgrading: the upgrades, then an UPGRADE!")).containsExactly("upgrad",
                "upgrad", "upgrad");
        assertThat(PacketText.stems("Customer billing payments")).containsExactly("custom", "bill", "payment");
        assertThat(PacketText.stems(null)).isEmpty();
    }

    @Test
    void query_words_and_indexed_text_meet_at_the_same_stems() {
        assertThat(SearchTerms.words("upgrading").stream().map(EnglishStemmer::stem).toList())
                .isEqualTo(PacketText.stems("upgrades"));
    }
}
