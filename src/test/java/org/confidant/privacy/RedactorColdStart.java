package org.confidant.privacy;

import java.time.Duration;
import java.util.List;

/**
 * The first redaction in a fresh JVM of the worst message (5,000 digits) with five custom
 * rules (the benchmark's, not the warm-up's), with or without {@link RedactorWarmUp}
 * first: prints its time and whether the real 10 ms budget refused it. Run in a new JVM
 * each time (see BENCHMARKS.md): {@code RedactorColdStart warm} or
 * {@code RedactorColdStart cold}.
 */
public final class RedactorColdStart {

    private RedactorColdStart() {
    }

    public static void main(String[] args) {
        boolean warm = args.length > 0 && args[0].equals("warm");
        long warmUp = 0;
        if (warm) {
            long began = System.nanoTime();
            RedactorWarmUp.warm(RedactorWarmUp.LIMIT);
            warmUp = System.nanoTime() - began;
        }
        RedactionPolicy fiveRules = new RedactionPolicy(CardReplacement.LAST_FOUR,
                List.of(rule("Employee id", "EMP-[0-9]{6}"), rule("Ticket", "(?i)ticket[ #-]*[0-9]{4,8}"),
                        rule("Passport", "\\b[A-Z]{2}[0-9]{7}\\b"), rule("Email", "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+"),
                        rule("Evil", "(a+)+$")));
        String digits = "4".repeat(5_000);
        long began = System.nanoTime();
        String outcome;
        try {
            fiveRules.apply(digits, new RedactionBudget(Duration.ofMillis(10)));
            outcome = "kept";
        }
        catch (RedactionBudget.Exceeded e) {
            outcome = "refused";
        }
        long first = System.nanoTime() - began;
        System.out.printf("%s: warm-up %.0f ms, first 5,000-digit message with five rules %.2f ms, %s%n",
                warm ? "warm" : "cold", warmUp / 1e6, first / 1e6, outcome);
    }

    private static RedactionPolicy.Compiled rule(String name, String pattern) {
        return new RedactionPolicy.Compiled(name, RuleCheck.compile(name, pattern));
    }

}
