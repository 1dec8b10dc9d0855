package org.confidant.shared;

import java.util.Objects;

/**
 * The confirmation of a destructive or irreversible action: the person types the phrase
 * the page shows (a workspace's name, {@code erase contact 4821},
 * {@code confirm cancel 4821}), and the server checks what they typed, not only the page.
 * The match is exact but for leading and trailing spaces, which a browser's
 * autocompletion adds; case counts. A page shows the phrase and the field with the
 * fragment {@code dashboard/confirm :: field(phrase)}.
 */
public final class TypedConfirmation {

    /** The code of a refusal for a confirmation that does not match. */
    public static final String MISMATCH = "confirmation_mismatch";

    private TypedConfirmation() {
    }

    /**
     * Passes when {@code typed} is {@code phrase}; otherwise refuses with
     * {@link #MISMATCH}, saying what to type.
     * @throws Rejected when the typed text is missing or is not the phrase
     */
    public static void require(String phrase, String typed) {
        Objects.requireNonNull(phrase, "phrase");
        if (phrase.isBlank()) {
            throw new IllegalArgumentException("a confirmation phrase has something to type");
        }
        if (typed == null || !Text.isWellFormed(typed) || !typed.strip().equals(phrase.strip())) {
            throw new Rejected(MISMATCH, "To confirm, type exactly: " + phrase.strip());
        }
    }

}
