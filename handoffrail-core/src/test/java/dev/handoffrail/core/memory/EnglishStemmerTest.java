package dev.handoffrail.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnglishStemmerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "upgrade, upgrad", "upgrades, upgrad", "upgrading, upgrad", "upgraded, upgrad",
        "caresses, caress", "ponies, poni", "ties, tie", "cries, cri", "gas, gas", "gaps, gap", "kiwis, kiwi",
        "hoping, hope", "hopping, hop", "agreed, agre", "feed, feed", "cry, cri", "say, say", "happy, happi",
        "generously, generous", "communication, communic", "skies, sky", "dying, die", "news, news",
        "proceed, proceed", "innings, inning", "national, nation", "relational, relat", "billing, bill",
        "payments, payment", "customers, custom", "by, by", "UPGRADING, upgrad",
    })
    void porter2_reduces_words_to_their_postgresql_stems(String word, String stem) {
        assertThat(EnglishStemmer.stem(word)).isEqualTo(stem);
    }

    @Test
    void every_stem_in_a_sample_taken_from_postgresql_english_stem_is_reproduced() throws IOException {
        List<String> mismatches = new ArrayList<>();
        int count = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("postgresql-english-stems.tsv"), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] pair = line.split("\t");
                count++;
                String stem = EnglishStemmer.stem(pair[0]);
                if (!stem.equals(pair[1])) {
                    mismatches.add(pair[0] + ": expected " + pair[1] + ", got " + stem);
                }
            }
        }
        assertThat(count).isGreaterThan(1_500);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void arbitrary_strings_never_make_the_stemmer_fail() {
        Random random = new Random(7);
        String alphabet = "aeiouybcdlmnrstwxyY'sz\u00e9\u4e2d1";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder word = new StringBuilder();
            for (int j = random.nextInt(12); j > 0; j--) {
                word.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String input = word.toString();
            assertThatCode(() -> EnglishStemmer.stem(input)).as(input).doesNotThrowAnyException();
        }
    }
}
