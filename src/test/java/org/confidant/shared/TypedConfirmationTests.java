package org.confidant.shared;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TypedConfirmationTests {

    @Test
    void onlyTheExactPhraseConfirms() {
        assertThatCode(() -> TypedConfirmation.require("Acme Support", "Acme Support")).doesNotThrowAnyException();
        assertThatCode(() -> TypedConfirmation.require("Acme Support", "  Acme Support ")).as("autocompleted spaces")
            .doesNotThrowAnyException();
        for (String wrong : new String[] { null, "", "acme support", "Acme  Support", "Acme Support!", "Acme",
                "Acme Support\u0000", "Acme Support\ud800" }) {
            assertThatThrownBy(() -> TypedConfirmation.require("Acme Support", wrong)).as(String.valueOf(wrong))
                .isInstanceOfSatisfying(Rejected.class, refused -> {
                    if (!refused.code().equals(TypedConfirmation.MISMATCH)) {
                        throw new AssertionError(refused.code());
                    }
                });
        }
    }

}
