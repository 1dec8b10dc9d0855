package org.confidant.conversation;

import java.util.regex.Pattern;

import org.confidant.shared.Rejected;
import org.confidant.shared.Text;

/**
 * What a message (or an internal note) must look like before anything is stored:
 * well-formed Unicode ({@link Text}), not blank, at most {@link #MAX_TEXT_CODE_POINTS}
 * code points, and no control characters but line breaks and tabs (NUL would not even fit
 * in PostgreSQL text).
 */
final class MessageRules {

    static final int MAX_TEXT_CODE_POINTS = 5_000;

    private static final Pattern CLIENT_MSG_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private MessageRules() {
    }

    /** A message to or from a visitor. */
    static void check(String clientMsgId, String text) {
        check(clientMsgId, text, "message");
    }

    /**
     * An internal note: the rules of a message, with the codes {@code note_empty},
     * {@code note_too_long} and {@code note_control_characters}.
     */
    static void checkNote(String clientMsgId, String text) {
        check(clientMsgId, text, "note");
    }

    private static void check(String clientMsgId, String text, String what) {
        if (clientMsgId == null || !CLIENT_MSG_ID.matcher(clientMsgId).matches()) {
            throw new Rejected("bad_client_msg_id", "clientMsgId has 1 to 64 characters of A-Z, a-z, 0-9, _ and -.");
        }
        Text.requireWellFormed(text, "the " + what);
        if (text == null || text.codePoints().allMatch(MessageRules::isInvisible)) {
            throw new Rejected(what + "_empty", "A " + what + " needs some text.");
        }
        if (text.codePointCount(0, text.length()) > MAX_TEXT_CODE_POINTS) {
            throw new Rejected(what + "_too_long",
                    "A " + what + " has at most " + MAX_TEXT_CODE_POINTS + " characters.");
        }
        if (text.codePoints().anyMatch(Text::isForbiddenControl)) {
            throw new Rejected(what + "_control_characters", "A " + what + " may not contain control characters.");
        }
    }

    /**
     * White space of any kind, and zero-width formatting characters: a message of only
     * these is empty.
     */
    private static boolean isInvisible(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                || Character.getType(codePoint) == Character.FORMAT;
    }

}
