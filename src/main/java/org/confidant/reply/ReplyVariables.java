package org.confidant.reply;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.confidant.shared.Rejected;

/**
 * The variables a saved reply may hold, written {@code {{contact.name}}}: checked when a
 * reply is saved (an unknown one is refused by name) and filled in when it is used.
 */
final class ReplyVariables {

    /** Every variable, in the order the pages list them. */
    static final List<String> NAMES = List.of("contact.name", "contact.email", "agent.name", "inbox.name");

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    /** At most this many characters of an unknown variable are quoted back. */
    private static final int QUOTED = 40;

    private ReplyVariables() {
    }

    /** Refuses a body with a variable that does not exist ({@code unknown_variable}). */
    static void check(String body) {
        Matcher matcher = VARIABLE.matcher(body);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!NAMES.contains(name)) {
                String quoted = name.codePointCount(0, name.length()) > QUOTED
                        ? name.substring(0, name.offsetByCodePoints(0, QUOTED)) + "…" : name;
                throw new Rejected("unknown_variable", "There is no variable {{" + quoted + "}}: a saved reply may use "
                        + String.join(", ", NAMES.stream().map(n -> "{{" + n + "}}").toList()) + ".");
            }
        }
    }

    /** The body with each variable replaced by its value (empty when it has none). */
    static String fill(String body, Map<String, String> values) {
        return VARIABLE.matcher(body)
            .replaceAll(match -> Matcher.quoteReplacement(values.getOrDefault(match.group(1), "")));
    }

}
