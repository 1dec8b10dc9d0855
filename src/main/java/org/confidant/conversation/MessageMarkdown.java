package org.confidant.conversation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.modulith.NamedInterface;

/**
 * The markdown subset of message text (docs/protocol.md, "Message text"), as segments a
 * template renders with {@code
 * th:text} and {@code th:href} only. It must agree with the browsers'
 * {@code /shared/markdown.js}, segment for segment: both are run over the same cases
 * ({@code markdown-cases.json}) and over the XSS corpus.
 */
@NamedInterface("api")
public final class MessageMarkdown {

    /** What a segment is; text is a plain run of characters, break a line break. */
    public enum Kind {

        TEXT, BOLD, ITALIC, CODE, LINK, BREAK

    }

    /**
     * One piece of a message: {@code text} is shown as text (null for a break),
     * {@code href} is set on links only.
     */
    public record Segment(Kind kind, @Nullable String text, @Nullable String href) {
    }

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9]");

    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";

    private static final String HOST = LABEL + "(?:\\." + LABEL + ")*";

    private static final String CHARS = "(?:[A-Za-z0-9\\-._~:/?@!$&'*+,;=]|%[0-9A-Fa-f]{2})*";

    private static final Pattern WEB = Pattern.compile(
            "^https?://(" + HOST + ")(?::([0-9]{1,5}))?(?:[/?]" + CHARS + ")?(?:#" + CHARS + ")?$",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern MAIL = Pattern
        .compile("^mailto:[A-Za-z0-9._%+-]+@(" + HOST + ")(?:\\?" + CHARS + ")?$", Pattern.CASE_INSENSITIVE);

    private static final Pattern PUNYCODE = Pattern.compile("(^|\\.)xn--", Pattern.CASE_INSENSITIVE);

    private static final Pattern BARE = Pattern.compile("^https?://", Pattern.CASE_INSENSITIVE);

    private static final Pattern URL_CHAR = Pattern.compile("[A-Za-z0-9\\-._~:/?#@!$&'*+,;=%]");

    private static final Pattern TRAILING = Pattern.compile("[.,:;!?']");

    private static final Set<String> SCHEMES = Set.of("http", "https", "mailto");

    private MessageMarkdown() {
    }

    /**
     * The href a link may carry, or null: only absolute http, https and mailto URLs, of
     * plain ASCII, with no user info and no punycode (look-alike) labels, which both our
     * pattern and {@link URI} accept.
     */
    public static @Nullable String safeHref(String url) {
        Matcher m = WEB.matcher(url);
        if (!m.matches()) {
            m = MAIL.matcher(url);
            if (!m.matches()) {
                return null;
            }
        }
        if (PUNYCODE.matcher(m.group(1)).find()
                || (m.groupCount() > 1 && m.group(2) != null && Integer.parseInt(m.group(2)) > 65535)) {
            return null;
        }
        try {
            String scheme = new URI(url).getScheme();
            return scheme != null && SCHEMES.contains(scheme.toLowerCase(Locale.ROOT)) ? url : null;
        }
        catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * The text as segments; whatever does not form markup stays text, character for
     * character.
     */
    public static List<Segment> segments(String input) {
        String s = input.replace("\r\n", "\n").replace('\r', '\n');
        List<Segment> out = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            Found found = switch (c) {
                case '\n' -> new Found(new Segment(Kind.BREAK, null, null), i + 1);
                case '*', '_' -> emphasis(s, i);
                case '`' -> code(s, i);
                case '[' -> link(s, i);
                case 'h', 'H' -> bare(s, i);
                default -> null;
            };
            if (found == null) {
                plain.append(c);
                i++;
                continue;
            }
            if (!plain.isEmpty()) {
                out.add(new Segment(Kind.TEXT, plain.toString(), null));
                plain.setLength(0);
            }
            out.add(found.segment());
            i = found.next();
        }
        if (!plain.isEmpty()) {
            out.add(new Segment(Kind.TEXT, plain.toString(), null));
        }
        return List.copyOf(out);
    }

    private record Found(Segment segment, int next) {
    }

    /**
     * {@code **bold**}, {@code *italic*}, {@code _italic_}: see the JS twin's comment.
     */
    private static Found emphasis(String s, int i) {
        String d = s.startsWith("**", i) ? "**" : String.valueOf(s.charAt(i));
        int from = i + d.length();
        int j = s.indexOf(d, from);
        if (j <= from || (i > 0 && isWord(s.charAt(i - 1)))) {
            return null;
        }
        String inner = s.substring(from, j);
        if (inner.indexOf('\n') >= 0 || isSpace(inner.charAt(0)) || isSpace(inner.charAt(inner.length() - 1))) {
            return null;
        }
        if (j + d.length() < s.length() && isWord(s.charAt(j + d.length()))) {
            return null;
        }
        return new Found(new Segment(d.equals("**") ? Kind.BOLD : Kind.ITALIC, inner, null), j + d.length());
    }

    private static Found code(String s, int i) {
        int j = s.indexOf('`', i + 1);
        if (j <= i + 1) {
            return null;
        }
        String inner = s.substring(i + 1, j);
        return inner.indexOf('\n') < 0 ? new Found(new Segment(Kind.CODE, inner, null), j + 1) : null;
    }

    private static Found link(String s, int i) {
        int j = s.indexOf(']', i + 1);
        if (j <= i + 1) {
            return null;
        }
        String label = s.substring(i + 1, j);
        if (label.indexOf('[') >= 0 || label.indexOf('\n') >= 0 || j + 1 >= s.length() || s.charAt(j + 1) != '(') {
            return null;
        }
        int k = s.indexOf(')', j + 2);
        String href = k < 0 ? null : safeHref(s.substring(j + 2, k));
        return href == null ? null : new Found(new Segment(Kind.LINK, label, href), k + 1);
    }

    private static Found bare(String s, int i) {
        if (!BARE.matcher(s.substring(i, Math.min(s.length(), i + 8))).find() || (i > 0 && isWord(s.charAt(i - 1)))) {
            return null;
        }
        int j = i;
        while (j < s.length() && URL_CHAR.matcher(String.valueOf(s.charAt(j))).matches()) {
            j++;
        }
        while (j > i && TRAILING.matcher(String.valueOf(s.charAt(j - 1))).matches()) {
            j--;
        }
        String href = safeHref(s.substring(i, j));
        return href == null ? null : new Found(new Segment(Kind.LINK, href, href), j);
    }

    private static boolean isWord(char c) {
        return WORD.matcher(String.valueOf(c)).matches();
    }

    /**
     * White space, invisible and direction-control characters: the same set as the JS
     * twin's isSpace.
     */
    private static boolean isSpace(char c) {
        return c <= 0x20 || (c >= 0x7f && c <= 0xa0) || c == 0x1680 || (c >= 0x2000 && c <= 0x200f)
                || (c >= 0x2028 && c <= 0x202f) || (c >= 0x205f && c <= 0x206f) || c == 0x3000 || c == 0xfeff;
    }

}
