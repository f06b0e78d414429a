package dev.handoffrail.core.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.ValidationException;
import org.junit.jupiter.api.Test;

class SearchTermsTest {
    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void a_query_is_trimmed_of_unicode_white_space() {
        assertThat(SearchTerms.validateQuery("\u00a0\u3000 upgrade plan\t\n\u2003\u0085")).isEqualTo("upgrade plan");
    }

    @Test
    void a_missing_query_is_required() {
        assertThat(errorOf(null)).isEqualTo(new FieldError("q", "field is required"));
    }

    @Test
    void a_query_must_have_two_to_256_code_points_after_trimming() {
        FieldError length = new FieldError("q", "must be between 2 and 256 characters");
        assertThat(errorOf("")).isEqualTo(length);
        assertThat(errorOf("   ")).isEqualTo(length);
        assertThat(errorOf(" a ")).isEqualTo(length);
        assertThat(errorOf(EMOJI)).isEqualTo(length);
        assertThat(errorOf("x".repeat(257))).isEqualTo(length);
        assertThat(SearchTerms.validateQuery("ab")).isEqualTo("ab");
        assertThat(SearchTerms.validateQuery(EMOJI.repeat(256))).isEqualTo(EMOJI.repeat(256));
        assertThat(SearchTerms.validateQuery(" " + "x".repeat(256) + " ")).hasSize(256);
    }

    @Test
    void words_are_lower_cased_runs_of_letters_and_digits_without_stop_words() {
        assertThat(SearchTerms.words("Upgrade the Billing plan to tier-2")).containsExactly("upgrade", "billing",
                "plan", "tier", "2");
    }

    @Test
    void repeated_words_are_kept_once_in_order_of_first_appearance() {
        assertThat(SearchTerms.words("refund Upgrade REFUND upgrade")).containsExactly("refund", "upgrade");
    }

    @Test
    void operator_characters_and_boolean_words_mean_nothing() {
        assertThat(SearchTerms.words("c++")).containsExactly("c");
        assertThat(SearchTerms.words("\"unterminated")).containsExactly("unterminated");
        assertThat(SearchTerms.words("a AND OR")).isEmpty();
        assertThat(SearchTerms.words("*")).isEmpty();
        assertThat(SearchTerms.words("NOT refund")).containsExactly("refund");
        assertThat(SearchTerms.words("-foo +bar:baz @qux (x|y) ~z^2 'quoted'"))
                .containsExactly("foo", "bar", "baz", "qux", "x", "y", "z", "2", "quoted");
        assertThat(SearchTerms.words("don't")).isEmpty();
    }

    @Test
    void letters_of_any_script_make_words() {
        assertThat(SearchTerms.words("Café naïve 東京 Données ΑΒΓ")).containsExactly("café", "naïve", "東京",
                "données", "αβγ");
    }

    @Test
    void nothing_searchable_gives_no_words() {
        assertThat(SearchTerms.words("")).isEmpty();
        assertThat(SearchTerms.words(null)).isEmpty();
        assertThat(SearchTerms.words("the of and " + EMOJI + " !!")).isEmpty();
    }

    @Test
    void indexed_text_yields_every_word_with_repeats() {
        assertThat(SearchTerms.wordOccurrences("Upgrading: the upgrades, then an UPGRADE!")).containsExactly(
                "upgrading", "upgrades", "upgrade");
        assertThat(SearchTerms.wordOccurrences("refund refund")).containsExactly("refund", "refund");
        assertThat(SearchTerms.wordOccurrences(null)).isEmpty();
    }

    private static FieldError errorOf(String q) {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> SearchTerms.validateQuery(q));
        assertThat(e.errors()).hasSize(1);
        return e.errors().get(0);
    }
}
