package org.confidant.privacy;

import org.confidant.shared.Rejected;
import org.confidant.shared.Text;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Checks a custom rule before it is saved, and compiles it with RE2/J (linear time: no
 * backtracking, so no input can make a rule slow beyond the length of the text). A rule
 * is refused ({@code bad_rule}, naming it) when its name is not 1 to 40 letters, digits,
 * spaces, dashes or underscores, when its pattern is empty or over 1,000 characters, does
 * not compile, can match the empty string (it would "remove" nothing everywhere), or
 * would expand past {@value #MAX_EXPANDED} elements once its counted repetitions are
 * unrolled (RE2/J unrolls {@code (a{1000}){1000}} in memory: the check comes before the
 * compiler sees it).
 */
final class RuleCheck {

    static final int MAX_PATTERN_LENGTH = 1000;

    static final int MAX_NAME_LENGTH = 40;

    static final int MAX_EXPANDED = 10_000;

    /** Texts on which a rule that can match the empty string does so somewhere. */
    private static final String[] EMPTY_PROBES = { "", "a", "a b\n0_.-Z\t9" };

    private RuleCheck() {
    }

    /** The rule's name, stripped, if it is one. */
    static String name(String name) {
        Text.requireWellFormed(name, "the rule's name");
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.codePointCount(0, stripped.length()) > MAX_NAME_LENGTH
                || !stripped.codePoints()
                    .allMatch(c -> Character.isLetterOrDigit(c) || c == ' ' || c == '-' || c == '_')) {
            throw new Rejected("bad_rule_name",
                    "A rule's name has 1 to " + MAX_NAME_LENGTH + " letters, digits, spaces, dashes or underscores.");
        }
        return stripped;
    }

    /** The compiled pattern, if the rule may be saved. */
    static Pattern compile(String name, String pattern) {
        Text.requireWellFormed(pattern, "the rule \"" + name + "\"");
        if (pattern == null || pattern.isEmpty()) {
            throw refused(name, "has no pattern.");
        }
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            throw refused(name, "is longer than " + MAX_PATTERN_LENGTH + " characters.");
        }
        if (expandedSize(pattern) > MAX_EXPANDED) {
            throw refused(name, "repeats too much: unrolled, it would have more than " + MAX_EXPANDED + " parts.");
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern);
        }
        catch (PatternSyntaxException e) {
            throw refused(name, "does not compile: " + e.getDescription() + ".");
        }
        for (String probe : EMPTY_PROBES) {
            Matcher matcher = compiled.matcher(probe);
            while (matcher.find()) {
                if (matcher.start() == matcher.end()) {
                    throw refused(name, "matches the empty string, so it would match everywhere.");
                }
            }
        }
        return compiled;
    }

    private static Rejected refused(String name, String why) {
        return new Rejected("bad_rule", "The rule \"" + name + "\" " + why + " Nothing was saved.");
    }

    /**
     * An upper bound of the number of elements the pattern has once every counted
     * repetition is unrolled: literals, classes and escapes count one each, a group its
     * contents, and {@code {n,m}} multiplies what it repeats by {@code m} (by
     * {@code n + 1} for {@code {n,}}). Reading stops, with a number over the limit, as
     * soon as the limit is passed.
     */
    static long expandedSize(String pattern) {
        int n = pattern.length();
        long[] totals = new long[n + 2];
        long[] lasts = new long[n + 2];
        int depth = 0;
        int i = 0;
        while (i < n) {
            char c = pattern.charAt(i);
            long atom = 0;
            if (c == '\\') {
                if (i + 1 < n && pattern.charAt(i + 1) == 'Q') {
                    int end = pattern.indexOf("\\E", i + 2);
                    int stop = end < 0 ? n : end;
                    totals[depth] += Math.max(0, stop - (i + 2));
                    lasts[depth] = 1;
                    i = end < 0 ? n : end + 2;
                    continue;
                }
                int next = i + 2;
                if (i + 2 < n && pattern.charAt(i + 2) == '{' && "pPx".indexOf(pattern.charAt(i + 1)) >= 0) {
                    int close = pattern.indexOf('}', i + 2);
                    next = close < 0 ? n : close + 1;
                }
                atom = 1;
                i = next;
            }
            else if (c == '[') {
                i = classEnd(pattern, i);
                atom = 1;
            }
            else if (c == '(') {
                if (i + 1 < n && pattern.charAt(i + 1) == '?') {
                    int j = i + 2;
                    while (j < n && pattern.charAt(j) != ')' && pattern.charAt(j) != ':' && pattern.charAt(j) != '>') {
                        j++;
                    }
                    if (j < n && pattern.charAt(j) == ')') { // flags only, (?i)
                        i = j + 1;
                        continue;
                    }
                    i = Math.min(n, j + 1);
                }
                else {
                    i++;
                }
                depth++;
                totals[depth] = 0;
                lasts[depth] = 0;
                continue;
            }
            else if (c == ')') {
                i++;
                if (depth == 0) {
                    continue; // unbalanced: the compiler says so
                }
                long group = totals[depth];
                depth--;
                totals[depth] = saturatedAdd(totals[depth], group);
                lasts[depth] = group;
                continue;
            }
            else if (c == '{') {
                int close = pattern.indexOf('}', i);
                long max = close < 0 ? -1 : repeatMax(pattern.substring(i + 1, close));
                if (max >= 0) {
                    totals[depth] = saturatedAdd(totals[depth], saturatedMultiply(lasts[depth], Math.max(0, max - 1)));
                    lasts[depth] = saturatedMultiply(lasts[depth], max);
                    i = close + 1;
                }
                else {
                    atom = 1;
                    i++;
                }
            }
            else if (c == '|') {
                lasts[depth] = 0;
                i++;
                continue;
            }
            else if (c == '*' || c == '+' || c == '?') {
                i++;
                continue;
            }
            else {
                atom = 1;
                i++;
            }
            if (atom > 0) {
                totals[depth] = saturatedAdd(totals[depth], atom);
                lasts[depth] = atom;
            }
            if (totals[depth] > MAX_EXPANDED) {
                return totals[depth];
            }
        }
        long sum = 0;
        for (int d = 0; d <= depth; d++) {
            sum = saturatedAdd(sum, totals[d]);
        }
        return sum;
    }

    /** The index after the character class that starts at {@code start}. */
    private static int classEnd(String pattern, int start) {
        int n = pattern.length();
        int i = start + 1;
        if (i < n && pattern.charAt(i) == '^') {
            i++;
        }
        if (i < n && pattern.charAt(i) == ']') {
            i++;
        }
        while (i < n && pattern.charAt(i) != ']') {
            if (pattern.charAt(i) == '\\') {
                i += 2;
            }
            else if (pattern.startsWith("[:", i)) {
                int close = pattern.indexOf(":]", i + 2);
                i = close < 0 ? i + 1 : close + 2;
            }
            else {
                i++;
            }
        }
        return Math.min(n, i + 1);
    }

    /**
     * The most a counted repetition's body {@code n}, {@code n,} or {@code n,m} repeats;
     * -1 when it is not one (RE2 then reads the brace as a literal).
     */
    private static long repeatMax(String body) {
        int comma = body.indexOf(',');
        String low = comma < 0 ? body : body.substring(0, comma);
        String high = comma < 0 ? body : body.substring(comma + 1);
        if (!isNumber(low) || !(high.isEmpty() || isNumber(high))) {
            return -1;
        }
        return comma >= 0 && high.isEmpty() ? Long.parseLong(low) + 1 : Long.parseLong(high);
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() <= 6 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatedMultiply(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

}
