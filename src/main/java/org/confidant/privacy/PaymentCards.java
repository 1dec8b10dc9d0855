package org.confidant.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds payment card numbers in text, in one pass: 13 to 19 digits (any Unicode decimal
 * digits), written together or in groups with single spaces, dashes or dots between them,
 * that pass the Luhn check and begin with a known issuer's range for their length (the
 * table in {@link #knownIssuer}). A run of digit groups (an order number before the card,
 * an expiry after it) is searched for the longest such number that starts and ends on its
 * groups' edges; a group is never split, so a long digit string (a tracking code) is not
 * cut into a card. Whatever fails a check (order, phone and tracking numbers, most random
 * digits) stays as written.
 */
final class PaymentCards {

    /** Where a card number stands in the text, and its last four digits. */
    record Found(int start, int end, String lastFour) {
    }

    private static final int MIN_DIGITS = 13;

    private static final int MAX_DIGITS = 19;

    private PaymentCards() {
    }

    static List<Found> find(String text, RedactionBudget budget) {
        List<Found> found = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            budget.step();
            int cp = text.codePointAt(i);
            if (!Character.isDigit(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            // a run: digit groups with one separator between each
            List<int[]> groups = new ArrayList<>(); // start, end, first digit's index in
                                                    // digits
            StringBuilder digits = new StringBuilder();
            int j = i;
            while (true) {
                int groupStart = j;
                int first = digits.length();
                while (j < n && Character.isDigit(text.codePointAt(j))) {
                    budget.step();
                    int digit = text.codePointAt(j);
                    digits.append((char) ('0' + Character.digit(digit, 10)));
                    j += Character.charCount(digit);
                }
                groups.add(new int[] { groupStart, j, first });
                if (j + 1 < n && isSeparator(text.charAt(j)) && Character.isDigit(text.codePointAt(j + 1))) {
                    j++;
                    continue;
                }
                break;
            }
            search(groups, digits, budget, found);
            i = j;
        }
        return found;
    }

    /**
     * From each group on, the longest card number ending on a later group's edge; after
     * one is found, the search goes on after it.
     */
    private static void search(List<int[]> groups, StringBuilder digits, RedactionBudget budget, List<Found> found) {
        int count = groups.size();
        int s = 0;
        while (s < count) {
            int from = groups.get(s)[2];
            int last = s; // the furthest group a number from here may end on
            while (last + 1 < count && end(groups, digits, last + 1) - from <= MAX_DIGITS) {
                budget.step();
                last++;
            }
            int match = -1;
            for (int e = last; e >= s; e--) {
                budget.step();
                int length = end(groups, digits, e) - from;
                if (length < MIN_DIGITS) {
                    break;
                }
                if (length <= MAX_DIGITS) {
                    String number = digits.substring(from, from + length);
                    if (knownIssuer(number) && luhn(number)) {
                        match = e;
                        found.add(new Found(groups.get(s)[0], groups.get(e)[1], number.substring(length - 4)));
                        break;
                    }
                }
            }
            s = match < 0 ? s + 1 : match + 1;
        }
    }

    /** Where in the digits the group's digits end. */
    private static int end(List<int[]> groups, StringBuilder digits, int group) {
        return group + 1 < groups.size() ? groups.get(group + 1)[2] : digits.length();
    }

    /**
     * Space (and the no-break and thin spaces), the dashes, and the dot: what people put
     * between a card's groups.
     */
    static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '\u00a0' || c == '\u2007' || c == '\u2009' || c == '\u202f'
                || (c >= '\u2010' && c <= '\u2013');
    }

    /** The Luhn (mod 10) check of ASCII digits. */
    static boolean luhn(String number) {
        int sum = 0;
        boolean twice = false;
        for (int k = number.length() - 1; k >= 0; k--) {
            int d = number.charAt(k) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /**
     * Whether a number of this length starts in a known issuer's range: Visa (4: 13, 16,
     * 19 digits), Mastercard (51-55, 2221-2720: 16), Mir (2200-2204: 16-19), American
     * Express (34, 37: 15), Diners Club (300-305, 3095, 36, 38, 39: 14-19), JCB
     * (3528-3589: 16-19), Discover, UnionPay, RuPay, Maestro and the other 6-series (6:
     * 13-19), Maestro (50, 56-59: 13-19), UATP (1: 15), UnionPay (81: 16-19), RuPay (82:
     * 16) and Troy (9792: 16).
     */
    static boolean knownIssuer(String number) {
        int length = number.length();
        int two = Integer.parseInt(number, 0, 2, 10);
        int three = Integer.parseInt(number, 0, 3, 10);
        int four = Integer.parseInt(number, 0, 4, 10);
        return switch (number.charAt(0)) {
            case '4' -> length == 13 || length == 16 || length == 19;
            case '5' -> (two >= 51 && two <= 55) ? length == 16 : two == 50 || two >= 56;
            case '2' -> (four >= 2221 && four <= 2720) ? length == 16 : four >= 2200 && four <= 2204 && length >= 16;
            case '3' -> {
                if (two == 34 || two == 37) {
                    yield length == 15;
                }
                if ((three >= 300 && three <= 305) || four == 3095 || two == 36 || two == 38 || two == 39) {
                    yield length >= 14;
                }
                yield four >= 3528 && four <= 3589 && length >= 16;
            }
            case '6' -> true;
            case '1' -> length == 15;
            case '8' -> (two == 81 && length >= 16) || (two == 82 && length == 16);
            case '9' -> four == 9792 && length == 16;
            default -> false;
        };
    }

}
