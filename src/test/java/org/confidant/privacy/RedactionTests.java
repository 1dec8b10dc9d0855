package org.confidant.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;

import org.confidant.shared.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The redactor's scanners and rules, without the application: every common way of writing
 * a card number or an IBAN is removed, look-alikes that fail the checks are kept as
 * written, custom rules are checked before they are saved, and slow input is stopped by
 * the budget.
 */
class RedactionTests {

    /** Card numbers as people write them: test numbers of each issuer, in each format. */
    static final List<String> CARDS = List.of("4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242",
            "4242.4242.4242.4242", "4242\u00a04242\u00a04242\u00a04242", "4242\u20134242\u20134242\u20134242",
            "5555 5555 5555 4444", "5105105105105100", "2223 0031 2200 3222", "3782 822463 10005", "371449635398431",
            "6011 1111 1111 1117", "6011-0009-9013-9424", "3056 9309 0259 04", "3566 0020 2036 0505",
            "6200 0000 0000 0005", "4222222222222", "4000 0566 5566 5556", "5200 8282 8282 8210",
            "\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662");

    /** IBANs as people write them. */
    static final List<String> IBANS = List.of("DE89 3704 0044 0532 0130 00", "DE89370400440532013000",
            "de89 3704 0044 0532 0130 00", "GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432",
            "FR14 2004 1010 0505 0001 3M02 606", "NL91ABNA0417164300", "CH93 0076 2011 6238 5295 7",
            "ES91-2100-0418-4502-0005-1332", "BE68 5390 0754 7034");

    /** Look-alikes that fail Luhn, the issuer ranges or mod 97: kept as written. */
    static final List<String> LOOK_ALIKES = List.of("Order 4242 4242 4242 4241", "order #1234-5678-9012-3456",
            "call +44 20 7946 0958", "+1 (555) 010-0199", "tracking 1Z999AA10123456784",
            "USPS 9400 1000 0000 0000 0000 00", "ref 0000 0000 0000 0000", "DE89 3704 0044 0532 0130 01",
            "GB82 WEST 1234 5698 7654 33", "invoice 2026-12-07-000123", "9999999999999999", "1234567890123",
            "ISBN 978-3-16-148410-0", "IP 192.168.100.200.1");

    @Test
    void everyCardFormatIsRemovedAndSaysItsLastFour() {
        for (String card : CARDS) {
            Redaction redaction = apply(RedactionPolicy.DEFAULT, "my card is " + card + " thanks");
            String digits = card.codePoints()
                .filter(Character::isDigit)
                .map(c -> '0' + Character.digit(c, 10))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
            assertThat(redaction.text()).as(card)
                .isEqualTo("my card is [card ending " + digits.substring(digits.length() - 4) + " removed] thanks");
            assertThat(redaction.cards()).isEqualTo(1);
        }
    }

    @Test
    void everyIbanFormatIsRemoved() {
        for (String iban : IBANS) {
            Redaction redaction = apply(RedactionPolicy.DEFAULT, "pay to " + iban + ".");
            assertThat(redaction.text()).as(iban).startsWith("pay to [IBAN ending ").endsWith(" removed].");
            assertThat(redaction.ibans()).isEqualTo(1);
            assertThat(redaction.cards()).isZero();
        }
    }

    @Test
    void lookAlikesThatFailTheChecksAreKeptAsWritten() {
        for (String text : LOOK_ALIKES) {
            Redaction redaction = apply(RedactionPolicy.DEFAULT, text);
            assertThat(redaction.text()).as(text).isEqualTo(text);
            assertThat(redaction.changed()).isFalse();
        }
    }

    @Test
    void aCardBetweenAnOrderNumberAndAnExpiryIsFoundAndTheRestKept() {
        Redaction redaction = apply(RedactionPolicy.DEFAULT, "order 123456 card 4242 4242 4242 4242 12/29 cvc 123");
        assertThat(redaction.text()).isEqualTo("order 123456 card [card ending 4242 removed] 12/29 cvc 123");
    }

    @Test
    void anIbanWrittenAgainstACardNumberIsFoundOnceTheCardIsRemoved() {
        assertThat(apply(RedactionPolicy.DEFAULT, "4242424242424242DE89370400440532013000 ok").text())
            .isEqualTo("[card ending 4242 removed][IBAN ending 3000 removed] ok");
    }

    @Test
    void aMessageThatIsOnlyACardNumberBecomesItsReplacement() {
        assertThat(apply(RedactionPolicy.DEFAULT, "4242424242424242").text()).isEqualTo("[card ending 4242 removed]");
        RedactionPolicy masked = new RedactionPolicy(CardReplacement.MASKED, List.of());
        assertThat(apply(masked, "4242424242424242").text()).isEqualTo("[card number removed]");
        assertThat(apply(masked, "DE89370400440532013000").text()).isEqualTo("[IBAN removed]");
    }

    @Test
    void customRulesRemoveTheirMatchesAndSayWhich() {
        RedactionPolicy policy = new RedactionPolicy(CardReplacement.LAST_FOUR,
                List.of(new RedactionPolicy.Compiled("Employee id", RuleCheck.compile("Employee id", "EMP-[0-9]{6}"))));
        Redaction redaction = apply(policy, "I am EMP-123456 and EMP-654321, card 4242424242424242");
        assertThat(redaction.text())
            .isEqualTo("I am [Employee id removed] and [Employee id removed], card [card ending 4242 removed]");
        assertThat(redaction.custom()).isEqualTo(2);
        assertThat(redaction.cards()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "(", "[a-", "a{2,1}", "(?<name>x", "\\", "a**" })
    void aRuleThatDoesNotCompileIsRefusedByName(String pattern) {
        Rejected refused = catchThrowableOfType(Rejected.class, () -> RuleCheck.compile("Bad one", pattern));
        assertThat(refused).as(pattern).isNotNull();
        assertThat(refused.code()).isEqualTo("bad_rule");
        assertThat(refused.getMessage()).contains("\"Bad one\"").contains("does not compile");
    }

    @ParameterizedTest
    @ValueSource(strings = { "a*", "x?", "(ab)*", "|a", "\\b", "^", "$", "(?:)", "[0-9]{0,5}" })
    void aRuleThatMatchesTheEmptyStringIsRefused(String pattern) {
        Rejected refused = catchThrowableOfType(Rejected.class, () -> RuleCheck.compile("Empty", pattern));
        assertThat(refused).as(pattern).isNotNull();
        assertThat(refused.getMessage()).contains("matches the empty string");
    }

    @Test
    void aRuleOverAThousandCharactersOrThatUnrollsTooFarIsRefused() {
        assertThat(catchThrowableOfType(Rejected.class, () -> RuleCheck.compile("Long", "a".repeat(1001))).getMessage())
            .contains("longer than 1000");
        assertThat(RuleCheck.compile("Long enough", "a".repeat(1000))).isNotNull();
        for (String pattern : List.of("(a{1000}){1000}", "((a{100}){100}){100}", "[0-9]{20000}", "(x{99}|y){999}")) {
            assertThat(catchThrowableOfType(Rejected.class, () -> RuleCheck.compile("Big", pattern)).getMessage())
                .as(pattern)
                .contains("repeats too much");
        }
        assertThat(catchThrowableOfType(Rejected.class, () -> RuleCheck.name("")).code()).isEqualTo("bad_rule_name");
        assertThat(catchThrowableOfType(Rejected.class, () -> RuleCheck.name("<script>")).code())
            .isEqualTo("bad_rule_name");
    }

    /**
     * The classic exponential patterns run in linear time on RE2/J, and whatever the text
     * and rules, a redaction ends within its budget (and a few microseconds) or is
     * refused.
     */
    @Test
    void catastrophicPatternsAndHugeInputsFinishWithinTheBudgetOrAreRefused() {
        List<String> evil = List.of("(a+)+$", "(a|a)*b", "(a|aa)+$", "([a-zA-Z]+)*!", "(.*a){20}", "(\\d+\\s?)+x",
                "(x+x+)+y", "^(([a-z])+.)+[A-Z]([a-z])+$");
        List<RedactionPolicy.Compiled> rules = evil.stream()
            .map(p -> new RedactionPolicy.Compiled("r" + Math.abs(p.hashCode()), RuleCheck.compile("r", p)))
            .toList();
        RedactionPolicy policy = new RedactionPolicy(CardReplacement.LAST_FOUR, rules);
        List<String> inputs = List.of("a".repeat(30) + "!", "a".repeat(100_000) + "!", "4".repeat(100_000),
                "4242 ".repeat(20_000), "1 ".repeat(50_000) + "y", "DE89".repeat(25_000),
                ("x".repeat(40) + " ").repeat(2_000));
        for (String input : inputs) {
            long started = System.nanoTime();
            try {
                policy.apply(input, new RedactionBudget(Duration.ofMillis(10)));
            }
            catch (RedactionBudget.Exceeded refused) {
                // refused: what the redactor answers with redaction_failed
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(millis).as("input of %d characters", input.length()).isLessThan(100);
        }
    }

    @Test
    void aShortMessageIsNeverRefusedByTheBudget() {
        RedactionPolicy policy = new RedactionPolicy(CardReplacement.LAST_FOUR,
                List.of(new RedactionPolicy.Compiled("evil", RuleCheck.compile("evil", "(a+)+$"))));
        for (int i = 0; i < 10_000; i++) {
            assertThat(apply(policy, "Hello, my card is 4242 4242 4242 4242 and my order 12345.").cards()).isEqualTo(1);
        }
    }

    private static Redaction apply(RedactionPolicy policy, String text) {
        return policy.apply(text, new RedactionBudget(Duration.ofSeconds(5)));
    }

}
