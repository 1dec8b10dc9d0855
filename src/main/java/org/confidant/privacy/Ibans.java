package org.confidant.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds IBANs in text, in one pass: a country code of the IBAN registry at the start of a
 * word, two check digits, then letters and digits (in either case, in groups with single
 * spaces or dashes between them) to exactly the length that country's IBANs have, passing
 * the ISO 13616 check (mod 97 = 1). A look-alike that fails (a wrong length or check
 * digit, an unknown country) stays as written.
 */
final class Ibans {

    /** Where an IBAN stands in the text, and its last four characters. */
    record Found(int start, int end, String lastFour) {
    }

    /** The length of each country's IBANs (SWIFT's IBAN registry). */
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(Map.entry("AD", 24), Map.entry("AE", 23),
            Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28), Map.entry("BA", 20), Map.entry("BE", 16),
            Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BI", 27), Map.entry("BR", 29), Map.entry("BY", 28),
            Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22),
            Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28), Map.entry("EE", 20), Map.entry("EG", 29),
            Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FK", 18), Map.entry("FO", 18), Map.entry("FR", 27),
            Map.entry("GB", 22), Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27),
            Map.entry("GT", 28), Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23),
            Map.entry("IQ", 23), Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30),
            Map.entry("KZ", 20), Map.entry("LB", 28), Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20),
            Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("LY", 25), Map.entry("MC", 27), Map.entry("MD", 24),
            Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MN", 20), Map.entry("MR", 27), Map.entry("MT", 31),
            Map.entry("MU", 30), Map.entry("NI", 28), Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("OM", 23),
            Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29),
            Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("RU", 33), Map.entry("SA", 24), Map.entry("SC", 31),
            Map.entry("SD", 18), Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27),
            Map.entry("SO", 23), Map.entry("ST", 25), Map.entry("SV", 28), Map.entry("TL", 23), Map.entry("TN", 24),
            Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22), Map.entry("VG", 24), Map.entry("XK", 20),
            Map.entry("YE", 30));

    private Ibans() {
    }

    static List<Found> find(String text, RedactionBudget budget) {
        List<Found> found = new ArrayList<>();
        int n = text.length();
        for (int i = 0; i + 4 <= n; i++) {
            budget.step();
            if (!isLetter(text.charAt(i)) || !isLetter(text.charAt(i + 1)) || !isDigit(text.charAt(i + 2))
                    || !isDigit(text.charAt(i + 3)) || (i > 0 && isLetterOrDigit(text.charAt(i - 1)))) {
                continue;
            }
            Integer length = LENGTHS.get(upper(text.charAt(i)) + "" + upper(text.charAt(i + 1)));
            if (length == null) {
                continue;
            }
            StringBuilder iban = new StringBuilder(length);
            int j = i;
            while (j < n && iban.length() < length) {
                budget.step();
                char c = text.charAt(j);
                if (isLetterOrDigit(c)) {
                    iban.append(upper(c));
                    j++;
                }
                else if ((c == ' ' || c == '\u00a0' || c == '-') && j + 1 < n && isLetterOrDigit(text.charAt(j + 1))) {
                    j++;
                }
                else {
                    break;
                }
            }
            if (iban.length() == length && (j == n || !isLetterOrDigit(text.charAt(j))) && checks(iban, budget)) {
                found.add(new Found(i, j, iban.substring(length - 4)));
                i = j - 1;
            }
        }
        return found;
    }

    /**
     * ISO 13616: the first four characters moved to the end, letters as 10-35, mod 97 =
     * 1.
     */
    static boolean checks(CharSequence iban, RedactionBudget budget) {
        int n = iban.length();
        int remainder = 0;
        for (int k = 0; k < n; k++) {
            budget.step();
            char c = iban.charAt((k + 4) % n);
            remainder = isDigit(c) ? (remainder * 10 + (c - '0')) % 97 : (remainder * 100 + (c - 'A' + 10)) % 97;
        }
        return remainder == 1;
    }

    private static boolean isLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetterOrDigit(char c) {
        return isLetter(c) || isDigit(c);
    }

    private static char upper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c;
    }

}
