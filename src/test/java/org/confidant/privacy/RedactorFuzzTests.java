package org.confidant.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.confidant.shared.Text;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the redactor (docs/fuzzing.md) with the built-in scanners and a workspace's
 * rules (one of them a classic exponential pattern): it finishes within its budget or
 * refuses; what it returns is well-formed when the input was, holds no card number that
 * passes the Luhn and issuer checks and no checksum-valid IBAN, and is left as it is by a
 * second redaction.
 */
class RedactorFuzzTests {

    private static final Duration BUDGET = Duration.ofMillis(10);

    /**
     * The budget, and room for one clock check's worth of work and a pause: generous,
     * because Jazzer's instrumentation makes every step many times slower; a budget that
     * is not enforced takes far longer on the inputs that exceed it.
     */
    private static final long LIMIT_NANOS = Duration.ofSeconds(1).toNanos();

    private static final RedactionPolicy POLICY = new RedactionPolicy(CardReplacement.LAST_FOUR,
            List.of(new RedactionPolicy.Compiled("Employee id", RuleCheck.compile("Employee id", "EMP-[0-9]{6}")),
                    new RedactionPolicy.Compiled("Evil", RuleCheck.compile("Evil", "(a+)+$"))));

    @FuzzTest(maxDuration = "5s")
    void redaction(String text) {
        if (text == null) {
            return; // the redactor answers null with null before any policy runs
        }
        long started = System.nanoTime();
        Redaction redaction;
        try {
            redaction = POLICY.apply(text, new RedactionBudget(BUDGET));
        }
        catch (RedactionBudget.Exceeded refused) {
            assertThat(System.nanoTime() - started).as("refused within the budget").isLessThan(LIMIT_NANOS);
            return;
        }
        assertThat(System.nanoTime() - started).as("finished within the budget").isLessThan(LIMIT_NANOS);
        String out = redaction.text();
        if (Text.isWellFormed(text)) {
            assertThat(Text.isWellFormed(out)).as("well-formed: %s", out).isTrue();
        }
        RedactionBudget unlimited = new RedactionBudget(Duration.ofSeconds(30));
        assertThat(PaymentCards.find(out, unlimited)).as("card numbers left in %s", out).isEmpty();
        assertThat(Ibans.find(out, unlimited)).as("IBANs left in %s", out).isEmpty();
        assertThat(redaction.changed()).isEqualTo(!out.equals(text));
        Redaction again = POLICY.apply(out, unlimited);
        assertThat(again.text()).as("redacting %s again", out).isEqualTo(out);
    }

}
