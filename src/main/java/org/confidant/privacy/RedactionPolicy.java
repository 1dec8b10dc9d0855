package org.confidant.privacy;

import java.util.ArrayList;
import java.util.List;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * One workspace's redaction, compiled: IBANs first (their digit groups could otherwise
 * read as part of a card number), then card numbers (and IBANs again, when a card written
 * against one hid its start), then the workspace's own rules in the order they were
 * added, each on what the previous step left.
 */
record RedactionPolicy(CardReplacement replacement, List<Compiled> rules) {

    /** A custom rule, compiled. */
    record Compiled(String name, Pattern pattern) {
    }

    static final RedactionPolicy DEFAULT = new RedactionPolicy(CardReplacement.LAST_FOUR, List.of());

    Redaction apply(String text, RedactionBudget budget) {
        List<Ibans.Found> ibans = Ibans.find(text, budget);
        String out = replaceIbans(text, ibans);
        List<PaymentCards.Found> cards = PaymentCards.find(out, budget);
        if (!cards.isEmpty()) {
            StringBuilder replaced = new StringBuilder(out.length());
            int at = 0;
            for (PaymentCards.Found found : cards) {
                replaced.append(out, at, found.start()).append(replacement.card(found.lastFour()));
                at = found.end();
            }
            out = replaced.append(out, at, out.length()).toString();
            // a card written against an IBAN ("…4242DE89…") hid the IBAN's start: look
            // again now that the card's replacement ends in a bracket
            List<Ibans.Found> uncovered = Ibans.find(out, budget);
            out = replaceIbans(out, uncovered);
            ibans = new ArrayList<>(ibans);
            ibans.addAll(uncovered);
        }
        int custom = 0;
        for (Compiled rule : rules) {
            Matcher matcher = rule.pattern().matcher(budget.watch(out));
            StringBuilder replaced = null;
            int at = 0;
            while (matcher.find()) {
                if (replaced == null) {
                    replaced = new StringBuilder(out.length());
                }
                replaced.append(out, at, matcher.start()).append('[').append(rule.name()).append(" removed]");
                at = matcher.end();
                custom++;
            }
            if (replaced != null) {
                out = replaced.append(out, at, out.length()).toString();
            }
        }
        return new Redaction(out, cards.size(), ibans.size(), custom);
    }

    private String replaceIbans(String text, List<Ibans.Found> ibans) {
        if (ibans.isEmpty()) {
            return text;
        }
        StringBuilder replaced = new StringBuilder(text.length());
        int at = 0;
        for (Ibans.Found found : ibans) {
            replaced.append(text, at, found.start()).append(replacement.iban(found.lastFour()));
            at = found.end();
        }
        return replaced.append(text, at, text.length()).toString();
    }

}
