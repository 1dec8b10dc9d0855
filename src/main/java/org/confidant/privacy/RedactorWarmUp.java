package org.confidant.privacy;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the redaction's code at start, before visitors do: in a cold JVM the scanners and
 * the custom rules' engine (RE2/J) run interpreted, and the longest message with a few
 * rules takes longer than the 10 ms budget, so the first such message after a start would
 * be refused ({@code redaction_failed}). A synthetic policy of five rules of the kinds
 * workspaces write, over the texts that exercise every path (the longest message of
 * digits, cards and IBANs, words), until the JIT has compiled them: a fixed number of
 * rounds, at most {@link #LIMIT}. Nothing of any workspace is read or kept.
 */
@Component
class RedactorWarmUp {

    /** The longest the warm-up may delay a start. */
    static final Duration LIMIT = Duration.ofSeconds(3);

    /** Rounds over the texts: enough for the JIT's optimising compiler. */
    static final int ROUNDS = 150;

    private static final Logger log = LoggerFactory.getLogger(RedactorWarmUp.class);

    @EventListener(ApplicationStartedEvent.class)
    void started() {
        long began = System.nanoTime();
        int rounds = warm(LIMIT);
        log.info("redactor warmed up: {} rounds in {} ms", rounds, (System.nanoTime() - began) / 1_000_000);
    }

    /** Runs the rounds (or as many as fit in {@code limit}); returns how many ran. */
    static int warm(Duration limit) {
        RedactionPolicy policy = new RedactionPolicy(CardReplacement.LAST_FOUR,
                List.of(rule("Staff", "STAFF-[0-9]{5}"), rule("Case", "(?i)case[ #:-]*[0-9]{3,9}"),
                        rule("Licence", "\\b[A-Z]{3}[0-9]{6}\\b"), rule("Address", "[a-z0-9._+-]+@[a-z0-9-]+\\.[a-z]+"),
                        rule("Repeat", "(x+x+)+y")));
        List<String> texts = List.of("7".repeat(5_000), "1234 ".repeat(1_000),
                "Please charge 4111 1111 1111 1111 or refund GB82 WEST 1234 5698 7654 32, case #4711, "
                        + "mail jo@example.org",
                "word ".repeat(1_000));
        long deadline = System.nanoTime() + limit.toNanos();
        int rounds = 0;
        while (rounds < ROUNDS && System.nanoTime() - deadline < 0) {
            for (String text : texts) {
                policy.apply(text, new RedactionBudget(limit));
                RedactionPolicy.DEFAULT.apply(text, new RedactionBudget(limit));
            }
            rounds++;
        }
        return rounds;
    }

    private static RedactionPolicy.Compiled rule(String name, String pattern) {
        return new RedactionPolicy.Compiled(name, RuleCheck.compile(name, pattern));
    }

}
