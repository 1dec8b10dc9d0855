package org.confidant.privacy;

import java.time.Duration;
import java.util.List;

import org.confidant.shared.Rejected;
import org.confidant.shared.WorkspaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The one entry point every path that keeps or passes on text a person typed calls first,
 * before encryption, storage and fan-out: messages both ways, file names, contact
 * details, and whatever later modules take in (notes, pre-chat answers, what goes to the
 * assistant). It removes IBANs, payment card numbers and matches of the workspace's own
 * rules (see {@link RedactionPolicy}), replacing each with a marker that says what was
 * removed.
 *
 * <p>
 * <b>Fails closed.</b> A redaction that cannot finish, because its time budget
 * ({@link PrivacySettings#redactionBudget()}, 10 ms) ran out or anything went wrong, is
 * refused: {@code redaction_failed}, and the caller stores nothing. Matching is linear in
 * the text (the built-in scanners are single passes; custom rules run on RE2/J), and the
 * budget is enforced while the work runs, not measured after it.
 *
 * <p>
 * Counts (never content) go to the metrics ({@code confidant.redactions} by kind,
 * {@code confidant.redaction.time}, {@code confidant.redaction.refused}) and, through the
 * caller's {@link TextRedacted}, to the audit log. A workspace's compiled rules are kept
 * for {@value #POLICY_SECONDS} seconds; a change on this node applies at once, on other
 * nodes within that time.
 */
@NamedInterface("api")
@Service
public class Redactor {

    static final int POLICY_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(Redactor.class);

    private static final String REFUSED = "This text could not be checked for card numbers and other data that "
            + "must not be stored, so it was not sent. Please shorten it or try again.";

    private final RedactionRules rules;

    private final Duration budget;

    private final Cache<WorkspaceId, RedactionPolicy> policies = Caffeine.newBuilder()
        .expireAfterWrite(Duration.ofSeconds(POLICY_SECONDS))
        .maximumSize(10_000)
        .build();

    private final Counter cards;

    private final Counter ibans;

    private final Counter custom;

    private final Counter refused;

    private final Timer time;

    Redactor(RedactionRules rules, PrivacySettings settings, MeterRegistry meters) {
        this.rules = rules;
        this.budget = settings.redactionBudget();
        this.cards = meters.counter("confidant.redactions", "kind", "card");
        this.ibans = meters.counter("confidant.redactions", "kind", "iban");
        this.custom = meters.counter("confidant.redactions", "kind", "custom");
        this.refused = meters.counter("confidant.redaction.refused");
        this.time = meters.timer("confidant.redaction.time");
    }

    /**
     * The text as the workspace may keep it. Null and empty text come back as they are.
     * @throws Rejected {@code redaction_failed} when the redaction could not finish
     * within its budget or failed; nothing may then be stored
     */
    @Transactional(readOnly = true)
    public Redaction redact(WorkspaceId workspaceId, String text) {
        if (text == null || text.isEmpty()) {
            return Redaction.unchanged(text);
        }
        long started = System.nanoTime();
        try {
            RedactionPolicy policy = policies.get(workspaceId, this::load);
            Redaction redaction = policy.apply(text, new RedactionBudget(budget));
            cards.increment(redaction.cards());
            ibans.increment(redaction.ibans());
            custom.increment(redaction.custom());
            return redaction;
        }
        catch (RedactionBudget.Exceeded e) {
            refused.increment();
            log.warn("a text of {} characters in workspace {} was refused: its redaction ran out of time",
                    text.length(), workspaceId);
            throw new Rejected("redaction_failed", REFUSED);
        }
        catch (RuntimeException e) {
            refused.increment();
            log.error("the redaction of a text of {} characters in workspace {} failed: {}", text.length(), workspaceId,
                    e.getClass().getName());
            throw new Rejected("redaction_failed", REFUSED);
        }
        finally {
            time.record(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Forgets the workspace's compiled rules: the next text compiles them again. */
    void changed(WorkspaceId workspaceId) {
        policies.invalidate(workspaceId);
    }

    private RedactionPolicy load(WorkspaceId workspaceId) {
        List<RedactionPolicy.Compiled> compiled = rules.rules(workspaceId)
            .stream()
            .map(rule -> new RedactionPolicy.Compiled(rule.name(), RuleCheck.compile(rule.name(), rule.pattern())))
            .toList();
        return new RedactionPolicy(rules.replacement(workspaceId), compiled);
    }

}
