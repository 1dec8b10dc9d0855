package org.confidant.privacy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What the redactor adds to each message: a typical 200-character message with nothing to
 * remove, the same with a card number and an IBAN, each with the built-in scanners only
 * and with five custom rules; and a worst case (5,000 digits, the longest message) with
 * five rules. Run: see BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RedactorBenchmark {

    private static final Duration BUDGET = Duration.ofMillis(10);

    private String plain;

    private String withCard;

    private String digits;

    private RedactionPolicy builtIn;

    private RedactionPolicy fiveRules;

    @Setup
    public void texts() {
        plain = "Hello, my order 4711 has not arrived yet and the tracking page says it left the warehouse a week ago"
                + " - could you check what happened and whether you can send it again? Thanks a lot, Ada ...";
        withCard = "Hello, please charge 4242 4242 4242 4242 (exp 12/29) for order 4711, or refund to my account "
                + "DE89 3704 0044 0532 0130 00 - whichever is easier for you. Thanks a lot for your help, Ada ...";
        digits = "4".repeat(5_000);
        builtIn = RedactionPolicy.DEFAULT;
        fiveRules = new RedactionPolicy(CardReplacement.LAST_FOUR,
                List.of(rule("Employee id", "EMP-[0-9]{6}"), rule("Ticket", "(?i)ticket[ #-]*[0-9]{4,8}"),
                        rule("Passport", "\\b[A-Z]{2}[0-9]{7}\\b"), rule("Email", "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+"),
                        rule("Evil", "(a+)+$")));
    }

    private static RedactionPolicy.Compiled rule(String name, String pattern) {
        return new RedactionPolicy.Compiled(name, RuleCheck.compile(name, pattern));
    }

    @Benchmark
    public Redaction plainBuiltIn() {
        return builtIn.apply(plain, new RedactionBudget(BUDGET));
    }

    @Benchmark
    public Redaction cardAndIbanBuiltIn() {
        return builtIn.apply(withCard, new RedactionBudget(BUDGET));
    }

    @Benchmark
    public Redaction plainFiveRules() {
        return fiveRules.apply(plain, new RedactionBudget(BUDGET));
    }

    @Benchmark
    public Redaction cardAndIbanFiveRules() {
        return fiveRules.apply(withCard, new RedactionBudget(BUDGET));
    }

    /**
     * Under a budget of a second, so that what it costs is measured (with the real 10 ms
     * budget, a cold first run is refused and JMH stops at the exception).
     */
    @Benchmark
    public Redaction fiveThousandDigitsFiveRules() {
        return fiveRules.apply(digits, new RedactionBudget(Duration.ofSeconds(1)));
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(RedactorBenchmark.class.getSimpleName()).build()).run();
    }

}
