package dev.handoffrail.core.memory;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Porter2 ("Snowball English") stemmer, the algorithm behind PostgreSQL's {@code english_stem}, so that the
 * in-memory search matches as the SQL stores do: {@code upgrade}, {@code upgrades} and {@code upgrading} all
 * become {@code upgrad}. Stateless and thread-safe.
 */
final class EnglishStemmer {
    private static final Map<String, String> EXCEPTIONS = Map.ofEntries(
            Map.entry("skis", "ski"), Map.entry("skies", "sky"), Map.entry("dying", "die"),
            Map.entry("lying", "lie"), Map.entry("tying", "tie"), Map.entry("idly", "idl"),
            Map.entry("gently", "gentl"), Map.entry("ugly", "ugli"), Map.entry("early", "earli"),
            Map.entry("only", "onli"), Map.entry("singly", "singl"), Map.entry("sky", "sky"),
            Map.entry("news", "news"), Map.entry("howe", "howe"), Map.entry("atlas", "atlas"),
            Map.entry("cosmos", "cosmos"), Map.entry("bias", "bias"), Map.entry("andes", "andes"));
    private static final Set<String> INVARIANT_AFTER_STEP_1A =
            Set.of("inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed");
    private static final String[] R1_PREFIXES = {"gener", "commun", "arsen"};

    /** Step 2 suffixes and replacements, longest first; "ogi" and "li" have extra conditions. */
    private static final String[][] STEP_2 = {
        {"ization", "ize"}, {"ational", "ate"}, {"fulness", "ful"}, {"ousness", "ous"}, {"iveness", "ive"},
        {"tional", "tion"}, {"biliti", "ble"}, {"lessli", "less"},
        {"entli", "ent"}, {"ation", "ate"}, {"alism", "al"}, {"aliti", "al"}, {"ousli", "ous"}, {"iviti", "ive"},
        {"fulli", "ful"},
        {"enci", "ence"}, {"anci", "ance"}, {"abli", "able"}, {"izer", "ize"}, {"ator", "ate"}, {"alli", "al"},
        {"bli", "ble"}, {"ogi", "og"}, {"li", ""},
    };
    /** Step 3 suffixes and replacements, longest first; "ative" must also be in R2. */
    private static final String[][] STEP_3 = {
        {"ational", "ate"}, {"tional", "tion"}, {"alize", "al"}, {"icate", "ic"}, {"iciti", "ic"}, {"ative", ""},
        {"ical", "ic"}, {"ness", ""}, {"ful", ""},
    };
    /** Step 4 suffixes removed in R2, longest first; "ion" only after s or t. */
    private static final String[] STEP_4 = {
        "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize",
        "ion", "al", "er", "ic",
    };

    private final StringBuilder word;
    private int r1;
    private int r2;

    private EnglishStemmer(String word) {
        this.word = new StringBuilder(word);
    }

    /** The stem of {@code word} (lower-cased first); words of one or two letters are returned unchanged. */
    static String stem(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.length() <= 2) {
            return lower;
        }
        String exception = EXCEPTIONS.get(lower);
        return exception != null ? exception : new EnglishStemmer(lower).run();
    }

    private String run() {
        if (word.charAt(0) == '\'') {
            word.deleteCharAt(0);
        }
        markConsonantY();
        r1 = regionStart(0);
        for (String prefix : R1_PREFIXES) {
            if (startsWith(prefix)) {
                r1 = prefix.length();
            }
        }
        r2 = regionStart(r1);
        step0();
        step1a();
        if (INVARIANT_AFTER_STEP_1A.contains(word.toString())) {
            return word.toString();
        }
        step1b();
        step1c();
        replaceInRegion(STEP_2, r1);
        replaceInRegion(STEP_3, r1);
        step4();
        step5();
        return word.toString().replace('Y', 'y');
    }

    private void markConsonantY() {
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) == 'y' && (i == 0 || isVowel(i - 1))) {
                word.setCharAt(i, 'Y');
            }
        }
    }

    /** The position after the first non-vowel that follows a vowel, searching from {@code from}. */
    private int regionStart(int from) {
        for (int i = from + 1; i < word.length(); i++) {
            if (!isVowel(i) && isVowel(i - 1)) {
                return i + 1;
            }
        }
        return word.length();
    }

    private void step0() {
        for (String suffix : new String[] {"'s'", "'s", "'"}) {
            if (endsWith(suffix)) {
                truncate(suffix.length());
                return;
            }
        }
    }

    private void step1a() {
        if (endsWith("sses")) {
            truncate(2);
        } else if (endsWith("ied") || endsWith("ies")) {
            truncate(word.length() > 4 ? 2 : 1);
        } else if (endsWith("us") || endsWith("ss")) {
            return;
        } else if (endsWith("s") && hasVowelBefore(word.length() - 2)) {
            truncate(1);
        }
    }

    private void step1b() {
        for (String suffix : new String[] {"eedly", "eed"}) {
            if (endsWith(suffix)) {
                if (suffixStart(suffix) >= r1) {
                    truncate(suffix.length() - 2);
                }
                return;
            }
        }
        for (String suffix : new String[] {"ingly", "edly", "ing", "ed"}) {
            if (endsWith(suffix)) {
                if (hasVowelBefore(suffixStart(suffix))) {
                    truncate(suffix.length());
                    afterStep1bDeletion();
                }
                return;
            }
        }
    }

    private void afterStep1bDeletion() {
        if (endsWith("at") || endsWith("bl") || endsWith("iz")) {
            word.append('e');
        } else if (endsWithDouble()) {
            truncate(1);
        } else if (isShortWord()) {
            word.append('e');
        }
    }

    private void step1c() {
        int n = word.length();
        if (n > 2 && (word.charAt(n - 1) == 'y' || word.charAt(n - 1) == 'Y') && !isVowel(n - 2)) {
            word.setCharAt(n - 1, 'i');
        }
    }

    /** Steps 2 and 3: the longest matching suffix, replaced if it lies in R1 and its condition holds. */
    private void replaceInRegion(String[][] table, int region) {
        for (String[] rule : table) {
            String suffix = rule[0];
            if (!endsWith(suffix)) {
                continue;
            }
            int start = suffixStart(suffix);
            if (start >= region && conditionHolds(suffix, start)) {
                truncate(suffix.length());
                word.append(rule[1]);
            }
            return;
        }
    }

    private boolean conditionHolds(String suffix, int start) {
        return switch (suffix) {
            case "ogi" -> start > 0 && word.charAt(start - 1) == 'l';
            case "li" -> start > 0 && "cdeghkmnrt".indexOf(word.charAt(start - 1)) >= 0;
            case "ative" -> start >= r2;
            default -> true;
        };
    }

    private void step4() {
        for (String suffix : STEP_4) {
            if (!endsWith(suffix)) {
                continue;
            }
            int start = suffixStart(suffix);
            boolean ionRule = !suffix.equals("ion") || start > 0 && "st".indexOf(word.charAt(start - 1)) >= 0;
            if (start >= r2 && ionRule) {
                truncate(suffix.length());
            }
            return;
        }
    }

    private void step5() {
        int last = word.length() - 1;
        if (endsWith("e") && (last >= r2 || last >= r1 && !endsWithShortSyllable(last))) {
            truncate(1);
        } else if (endsWith("l") && last >= r2 && last > 0 && word.charAt(last - 1) == 'l') {
            truncate(1);
        }
    }

    private boolean isShortWord() {
        return r1 >= word.length() && endsWithShortSyllable(word.length());
    }

    /**
     * Whether {@code word[0, end)} ends in a short syllable: non-vowel, vowel, non-vowel other than w, x or Y; or,
     * for two letters, a vowel followed by a non-vowel.
     */
    private boolean endsWithShortSyllable(int end) {
        if (end == 2) {
            return isVowel(0) && !isVowel(1);
        }
        if (end < 3) {
            return false;
        }
        char last = word.charAt(end - 1);
        return !isVowel(end - 3) && isVowel(end - 2) && !isVowel(end - 1) && last != 'w' && last != 'x'
                && last != 'Y';
    }

    private boolean endsWithDouble() {
        int n = word.length();
        return n >= 2 && word.charAt(n - 1) == word.charAt(n - 2) && "bdfgmnprt".indexOf(word.charAt(n - 1)) >= 0;
    }

    private boolean hasVowelBefore(int end) {
        for (int i = 0; i < end; i++) {
            if (isVowel(i)) {
                return true;
            }
        }
        return false;
    }

    private boolean isVowel(int i) {
        return "aeiouy".indexOf(word.charAt(i)) >= 0;
    }

    private boolean startsWith(String prefix) {
        return word.length() >= prefix.length() && word.substring(0, prefix.length()).equals(prefix);
    }

    private boolean endsWith(String suffix) {
        int start = word.length() - suffix.length();
        return start >= 0 && word.indexOf(suffix, start) == start;
    }

    private int suffixStart(String suffix) {
        return word.length() - suffix.length();
    }

    private void truncate(int count) {
        word.setLength(word.length() - count);
    }
}
