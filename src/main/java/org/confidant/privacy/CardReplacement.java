package org.confidant.privacy;

import org.springframework.modulith.NamedInterface;

/**
 * What a removed card number or IBAN becomes: its last four characters kept
 * ({@code [card ending 4242 removed]}, the default) or nothing of it
 * ({@code [card number removed]}).
 */
@NamedInterface("api")
public enum CardReplacement {

    LAST_FOUR, MASKED;

    String card(String lastFour) {
        return this == LAST_FOUR ? "[card ending " + lastFour + " removed]" : "[card number removed]";
    }

    String iban(String lastFour) {
        return this == LAST_FOUR ? "[IBAN ending " + lastFour + " removed]" : "[IBAN removed]";
    }

}
