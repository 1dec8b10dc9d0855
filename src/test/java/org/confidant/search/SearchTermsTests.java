package org.confidant.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How text becomes the words of the index and of a query. */
class SearchTermsTests {

    @Test
    void wordsAreCaseFoldedWithoutAccentsInCompatibilityForm() {
        assertThat(SearchTerms.of("Crème BRÛLÉE, naïve Straße")).containsExactly("creme", "brulee", "naive", "strasse");
        // full-width letters and a ligature (NFKC), and Greek final sigma folded
        assertThat(SearchTerms.of("ＰＡＲＣＥＬ ﬁle ΟΔΟΣ")).containsExactly("parcel", "file", "οδοσ");
        assertThat(SearchTerms.of("οδός")).isEqualTo(SearchTerms.of("ΟΔΟΣ"));
        assertThat(SearchTerms.of("Parcel")).isEqualTo(SearchTerms.of("parcel"));
    }

    @Test
    void anythingButLettersAndDigitsSeparatesWords() {
        assertThat(SearchTerms.of("order #A-1234/b, (late)!\nmail: jane.doe@example.com")).containsExactly("order",
                "1234", "late", "mail", "jane", "doe", "example", "com");
        assertThat(SearchTerms.of("<script>alert(1)</script>")).containsExactly("script", "alert");
    }

    @Test
    void wordsUnderTwoCharactersAreDroppedAndRepeatsKeptOnce() {
        assertThat(SearchTerms.of("a b c I x 1 ok ok OK")).containsExactly("ok");
        assertThat(SearchTerms.of("   ")).isEmpty();
        assertThat(SearchTerms.of("")).isEmpty();
    }

    @Test
    void longWordsAreCutAndATextGivesABoundedNumberOfWords() {
        String longWord = "x".repeat(100);
        assertThat(SearchTerms.of(longWord)).containsExactly("x".repeat(SearchTerms.MAX_WORD));
        assertThat(SearchTerms.of(longWord + "y")).isEqualTo(SearchTerms.of(longWord));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 2 * SearchTerms.MAX_WORDS; i++) {
            many.append("w").append(i).append(' ');
        }
        assertThat(SearchTerms.of(many.toString())).hasSize(SearchTerms.MAX_WORDS).startsWith("w0", "w1");
    }

    @Test
    void scriptsWithoutSpacesAreOneWordPerRun() {
        assertThat(SearchTerms.of("東京駅 です")).containsExactly("東京駅", "です");
        // marks that spell (a Devanagari vowel sign) are not accents
        assertThat(SearchTerms.of("नमस्ते")).containsExactly("नमस्ते");
    }

}
