package dev.handoffrail.core.packet;

import dev.handoffrail.core.error.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How full-text search reads text (http-api.md §9.4): words are runs of Unicode letters and digits, compared
 * lower-case, without English stop words (PostgreSQL's list), and matched by their English stem (each store
 * stems: PostgreSQL's {@code english} configuration, SQLite's Porter tokenizer, the in-memory store's Porter2
 * stemmer). Nothing in a query is an operator. Stateless.
 */
public final class SearchTerms {
    public static final int MIN_QUERY_LENGTH = 2;
    public static final int MAX_QUERY_LENGTH = 256;

    /** PostgreSQL's {@code english.stop}, so in-memory and SQL stores ignore the same words. */
    private static final Set<String> STOP_WORDS = Set.of(
            "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
            "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
            "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these",
            "those", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do",
            "does", "did", "doing", "a", "an", "the", "and", "but", "if", "or", "because", "as", "until", "while",
            "of", "at", "by", "for", "with", "about", "against", "between", "into", "through", "during", "before",
            "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over", "under",
            "again", "further", "then", "once", "here", "there", "when", "where", "why", "how", "all", "any",
            "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own",
            "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don", "should", "now");

    private SearchTerms() {
    }

    /**
     * The query {@code q} with leading and trailing Unicode white space removed; {@code VALIDATION_ERROR} on
     * field {@code q} unless 2–256 code points remain.
     */
    public static String validateQuery(String q) {
        if (q == null) {
            throw ValidationException.of("q", FieldMessages.REQUIRED);
        }
        String trimmed = trim(q);
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < MIN_QUERY_LENGTH || length > MAX_QUERY_LENGTH) {
            throw ValidationException.of("q", "must be between " + MIN_QUERY_LENGTH + " and " + MAX_QUERY_LENGTH
                    + " characters");
        }
        return trimmed;
    }

    /** The distinct searchable words of {@code q}, lower-case, in order of first appearance. */
    public static List<String> words(String q) {
        return List.copyOf(new LinkedHashSet<>(wordOccurrences(q)));
    }

    /** Every searchable word of {@code text}, lower-case, in order, repeats kept (relevance counts them). */
    public static List<String> wordOccurrences(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null) {
            return tokens;
        }
        int start = -1;
        for (int i = 0; i <= text.length(); ) {
            int cp = i < text.length() ? text.codePointAt(i) : ' ';
            boolean wordChar = Character.isLetterOrDigit(cp);
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                addToken(tokens, text.substring(start, i));
                start = -1;
            }
            i += i < text.length() ? Character.charCount(cp) : 1;
        }
        return tokens;
    }

    private static void addToken(List<String> tokens, String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        if (!STOP_WORDS.contains(lower)) {
            tokens.add(lower);
        }
    }

    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isWhiteSpace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isWhiteSpace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    /** Unicode White_Space: Java's whitespace plus the no-break spaces and NEL it leaves out. */
    private static boolean isWhiteSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }
}
