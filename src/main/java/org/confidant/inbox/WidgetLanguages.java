package org.confidant.inbox;

import java.util.List;

import org.confidant.shared.Rejected;
import org.springframework.modulith.NamedInterface;

/**
 * The languages the widget speaks, as BCP 47 primary tags; the first is the one it falls
 * back to. An inbox may fix one of them ({@link InboxManagement#setWidgetLanguage}), else
 * the widget speaks the visitor's browser's.
 */
@NamedInterface("api")
public final class WidgetLanguages {

    /**
     * English, German, French, Spanish, Italian, Dutch, Portuguese, Polish, Swedish,
     * Japanese, Arabic.
     */
    public static final List<String> SUPPORTED = List.of("en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "ja",
            "ar");

    /** What the inbox's setting says when it fixes none. */
    public static final String AUTO = "auto";

    private WidgetLanguages() {
    }

    /**
     * {@code auto} or one of {@link #SUPPORTED}, exactly; anything else is rejected,
     * naming the field.
     */
    static String parse(String value) {
        if (!value.equals(AUTO) && !SUPPORTED.contains(value)) {
            throw new Rejected("bad_widget_language",
                    "widget_language: \"auto\" or one of " + String.join(", ", SUPPORTED) + ".");
        }
        return value;
    }

}
