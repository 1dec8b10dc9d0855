package org.confidant.shared;

/**
 * What every piece of free text a person or a program hands Confidant must be before
 * anything is stored: well-formed Unicode. A Java string can hold a lone UTF-16 surrogate
 * (JSON's {@code "\ud800"} escape makes one), which has no UTF-8 form: stored, it
 * silently becomes {@code ?}; sent, it fails to encode. So each free-text entry point
 * calls {@link #requireWellFormed} first, and a refusal is {@code malformed_text}
 * (docs/protocol.md, docs/api.md). The control-character rule that messages keep lives
 * here too, for the entry points that share it.
 */
public final class Text {

    /** The code of a refusal for text that is not well-formed Unicode. */
    public static final String MALFORMED = "malformed_text";

    private Text() {
    }

    /**
     * Whether the text is well-formed UTF-16 (every surrogate in a high-low pair); null
     * counts as well-formed.
     */
    public static boolean isWellFormed(CharSequence text) {
        if (text == null) {
            return true;
        }
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == length || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
            else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the text if it is well-formed (null passes through); otherwise refuses it
     * as {@code malformed_text}, naming what it is ({@code "the message"},
     * {@code "the name"}).
     */
    public static String requireWellFormed(String text, String what) {
        if (!isWellFormed(text)) {
            throw malformed(what);
        }
        return text;
    }

    /** The refusal of text that is not well-formed Unicode. */
    public static Rejected malformed(String what) {
        return new Rejected(MALFORMED, "The text of " + what + " is not well-formed Unicode (it holds a lone surrogate"
                + " character); nothing was stored.");
    }

    /**
     * The text with every lone surrogate replaced by U+FFFD: for echoing what a client
     * sent, never for storing.
     */
    public static String replaceMalformed(String text) {
        if (isWellFormed(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            }
            else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            }
            else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A C0 or C1 control character other than line feed, carriage return and tab. */
    public static boolean isForbiddenControl(int codePoint) {
        return Character.getType(codePoint) == Character.CONTROL && codePoint != '\n' && codePoint != '\r'
                && codePoint != '\t';
    }

}
