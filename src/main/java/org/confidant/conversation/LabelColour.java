package org.confidant.conversation;

import java.util.Locale;

import org.confidant.shared.Rejected;
import org.springframework.modulith.NamedInterface;

/**
 * The fixed palette a label's colour comes from: a name, never CSS. The dashboard draws
 * each with a class of its own stylesheet ({@code label--red}, ...).
 */
@NamedInterface("api")
public enum LabelColour {

    GREY, RED, ORANGE, YELLOW, GREEN, TEAL, BLUE, PURPLE, PINK;

    /** The colour's name as forms, classes and the database spell it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The colour named {@code key}; anything else is {@code bad_label_colour}. */
    public static LabelColour of(String key) {
        for (LabelColour colour : values()) {
            if (colour.key().equals(key)) {
                return colour;
            }
        }
        throw new Rejected("bad_label_colour",
                "A label's colour is one of grey, red, orange, yellow, green, teal, blue, purple, pink.");
    }

}
