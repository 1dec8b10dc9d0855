package org.confidant.audit;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in front of the log's writer: whatever an event hands over, no value that looks
 * like a secret is stored.
 * <ul>
 * <li>a detail whose key names a secret (password, secret, token, code, key, session,
 * cookie, otp, credential...) keeps its key, its value becomes {@value #WITHHELD};</li>
 * <li>a detail longer than {@value #MAX_DETAIL} characters (text, perhaps a message body)
 * is withheld;</li>
 * <li>in every free text (details, target, actor label, user agent), a run of 20 or more
 * letters and digits that mixes both (the shape of a token, a key or a digest; ids in
 * UUID form excepted) is replaced by {@value #WITHHELD}.</li>
 * </ul>
 */
final class PrivacyFilter {

    static final String WITHHELD = "[withheld]";
    static final int MAX_DETAIL = 200;

    private static final int MAX_DETAILS = 20;

    private static final int MAX_KEY = 40;

    private static final Pattern SECRET_KEY = Pattern
        .compile("pass|secret|token|code|key|session|cookie|otp|credential|auth|signature|salt|hash|body|text|message");

    private static final Pattern UUID = Pattern
        .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_\\-+=~]{20,}");

    private static final Pattern KEY_SHAPE = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");

    private PrivacyFilter() {
    }

    /**
     * The details to store: keys sorted, secrets withheld, at most {@value #MAX_DETAILS}.
     */
    static Map<String, String> details(Map<String, String> details) {
        Map<String, String> kept = new TreeMap<>();
        details.forEach((key, value) -> {
            if (kept.size() >= MAX_DETAILS || key == null || key.length() > MAX_KEY
                    || !KEY_SHAPE.matcher(key).matches()) {
                return;
            }
            String text = value == null ? "" : value;
            boolean secretKey = SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).find();
            kept.put(key, secretKey || text.length() > MAX_DETAIL ? WITHHELD : text(text, MAX_DETAIL));
        });
        return kept;
    }

    /** Free text with token-shaped runs withheld, cut to {@code max} characters. */
    static String text(String value, int max) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String clean = value.replaceAll("\\p{Cntrl}", " ");
        Matcher runs = TOKEN_SHAPE.matcher(clean);
        StringBuilder out = new StringBuilder();
        while (runs.find()) {
            runs.appendReplacement(out,
                    Matcher.quoteReplacement(looksLikeSecret(clean, runs) ? WITHHELD : runs.group()));
        }
        runs.appendTail(out);
        return out.length() <= max ? out.toString() : out.substring(0, max);
    }

    private static boolean looksLikeSecret(String text, Matcher run) {
        String value = run.group();
        if (!value.chars().anyMatch(Character::isDigit) || !value.chars().anyMatch(Character::isLetter)) {
            return false;
        }
        // a run inside a UUID is part of an id, not a secret
        Matcher ids = UUID.matcher(text);
        while (ids.find()) {
            if (ids.start() <= run.start() && run.end() <= ids.end()) {
                return false;
            }
        }
        return true;
    }

}
