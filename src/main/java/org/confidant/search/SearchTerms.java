package org.confidant.search;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How text becomes the words the index keeps and a query looks for: Unicode NFKC
 * (compatibility forms such as full-width letters and ligatures become plain ones),
 * case-folded (ß as ss, a final sigma as σ), accents stripped (the combining diacritical
 * marks of Latin, Greek and Cyrillic letters; the marks other scripts spell with, such as
 * a Japanese dakuten or a Devanagari vowel sign, stay), split on every run of characters
 * that are neither letters (with the marks they carry) nor digits, words under two
 * characters dropped, each word cut to {@value #MAX_WORD} characters, at most
 * {@value #MAX_WORDS} distinct words per text (the first ones). Scripts written without
 * spaces (Chinese, Japanese, Thai) come out as long words: only their whole run is found.
 */
final class SearchTerms {

    /** The most distinct words one text gives the index. */
    static final int MAX_WORDS = 500;

    /** Longer words are cut to this many characters (both when indexed and searched). */
    static final int MAX_WORD = 64;

    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");

    private static final Pattern ACCENTS = Pattern.compile("[\u0300-\u036f]+");

    private SearchTerms() {
    }

    /** The distinct words of the text, in the order they first appear. */
    static Set<String> of(String text) {
        Set<String> words = new LinkedHashSet<>();
        if (text.isBlank()) {
            return words;
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC)
            .toUpperCase(Locale.ROOT)
            .toLowerCase(Locale.ROOT)
            .replace('ς', 'σ');
        String plain = ACCENTS.matcher(Normalizer.normalize(folded, Normalizer.Form.NFD)).replaceAll("");
        for (String word : SEPARATORS.split(Normalizer.normalize(plain, Normalizer.Form.NFC))) {
            int length = word.codePointCount(0, word.length());
            if (length < 2) {
                continue;
            }
            words.add(length <= MAX_WORD ? word : word.substring(0, word.offsetByCodePoints(0, MAX_WORD)));
            if (words.size() == MAX_WORDS) {
                break;
            }
        }
        return words;
    }

}
