package org.confidant.privacy;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.InboxId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.Text;
import org.confidant.shared.Timestamps;
import org.confidant.workspace.IpMode;
import org.confidant.workspace.WorkspaceManagement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The privacy settings pages' service: the workspace's IP mode and redaction (card and
 * IBAN replacement, custom rules, and the test box that shows what a sample would
 * become), and each inbox's consent mode, storage, notice and privacy-policy link. Every
 * method needs {@link Permission#PRIVACY_MANAGE}; an inbox of another workspace is not
 * found. Each change is announced ({@link PrivacySettingsChanged},
 * {@link InboxPrivacyChanged}) for the audit log; a refused one changes nothing.
 */
@NamedInterface("api")
@Service
public class PrivacyManagement {

    /** The longest notice an inbox may show. */
    public static final int MAX_NOTICE_LENGTH = 1000;

    /** The longest sample the test box takes (a message's length). */
    public static final int MAX_SAMPLE_LENGTH = 5000;

    private static final int MAX_POLICY_URL_LENGTH = 500;

    /** What the privacy page shows. */
    public record Overview(IpMode ipMode, CardReplacement replacement, List<RedactionRule> rules, int maxRules) {
    }

    private final RedactionRules rules;

    private final Consents consents;

    private final Redactor redactor;

    private final WorkspaceManagement workspaces;

    private final InboxManagement inboxes;

    private final PrivacySettings settings;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    PrivacyManagement(RedactionRules rules, Consents consents, Redactor redactor, WorkspaceManagement workspaces,
            InboxManagement inboxes, PrivacySettings settings, ApplicationEventPublisher events, Clock clock) {
        this.rules = rules;
        this.consents = consents;
        this.redactor = redactor;
        this.workspaces = workspaces;
        this.inboxes = inboxes;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Overview overview(Grants me) {
        me.require(Permission.PRIVACY_MANAGE);
        return new Overview(workspaces.ipMode(me.workspaceId()), rules.replacement(me.workspaceId()),
                rules.rules(me.workspaceId()), settings.maxRules());
    }

    /** Sets how much of an IP address the workspace keeps from now on. */
    @Transactional
    public void setIpMode(Grants me, IpMode mode) {
        me.require(Permission.PRIVACY_MANAGE);
        if (workspaces.setIpMode(me.workspaceId(), Objects.requireNonNull(mode))) {
            events.publishEvent(new PrivacySettingsChanged(me.workspaceId(), me.memberId(),
                    PrivacySettingsChanged.Setting.IP_MODE, Map.of("mode", mode.name().toLowerCase(Locale.ROOT))));
        }
    }

    /** Sets what removed card numbers and IBANs become. */
    @Transactional
    public void setCardReplacement(Grants me, CardReplacement replacement) {
        me.require(Permission.PRIVACY_MANAGE);
        if (rules.setReplacement(me.workspaceId(), Objects.requireNonNull(replacement))) {
            announceRedaction(me,
                    Map.of("change", "replacement", "replacement", replacement.name().toLowerCase(Locale.ROOT)));
        }
    }

    /**
     * Adds a custom rule, checked first (see {@link RuleCheck}: a 400 naming the rule,
     * nothing saved).
     * @throws Rejected {@code bad_rule_name}, {@code bad_rule}, {@code too_many_rules}
     */
    @Transactional
    public RedactionRule addRule(Grants me, String name, String pattern) {
        me.require(Permission.PRIVACY_MANAGE);
        String checkedName = RuleCheck.name(name);
        RuleCheck.compile(checkedName, pattern);
        rules.lock(me.workspaceId());
        List<RedactionRule> existing = rules.rules(me.workspaceId());
        if (existing.size() >= settings.maxRules()) {
            throw new Rejected("too_many_rules",
                    "A workspace has at most " + settings.maxRules() + " rules of its own; remove one first.");
        }
        if (existing.stream().anyMatch(rule -> rule.name().equalsIgnoreCase(checkedName))) {
            throw new Rejected("bad_rule_name", "There is a rule called \"" + checkedName + "\" already.");
        }
        RedactionRule rule = new RedactionRule(UUID.randomUUID(), checkedName, pattern);
        rules.add(me.workspaceId(), rule, Timestamps.now(clock));
        announceRedaction(me, Map.of("change", "rule_added", "rule", checkedName));
        return rule;
    }

    /** Removes a custom rule; another workspace's, or an unknown one, is not found. */
    @Transactional
    public void removeRule(Grants me, UUID id) {
        RedactionRule rule = rules.rules(me.workspaceId())
            .stream()
            .filter(r -> r.id().equals(id))
            .findFirst()
            .orElseThrow(() -> new NotFound("rule"));
        me.require(Permission.PRIVACY_MANAGE);
        rules.remove(me.workspaceId(), id);
        announceRedaction(me, Map.of("change", "rule_removed", "rule", rule.name()));
    }

    /**
     * What a sample would become under the workspace's redaction now; nothing is stored
     * or recorded.
     */
    @Transactional(readOnly = true)
    public Redaction preview(Grants me, String sample) {
        me.require(Permission.PRIVACY_MANAGE);
        Text.requireWellFormed(sample, "the sample");
        if (sample != null && sample.codePointCount(0, sample.length()) > MAX_SAMPLE_LENGTH) {
            throw new Rejected("sample_too_long", "A sample has at most " + MAX_SAMPLE_LENGTH + " characters.");
        }
        return redactor.redact(me.workspaceId(), sample == null ? "" : sample);
    }

    /** The inbox's privacy settings; another workspace's inbox is not found. */
    @Transactional(readOnly = true)
    public InboxPrivacy inboxPrivacy(Grants me, InboxId inboxId) {
        inboxes.find(me.workspaceId(), inboxId).orElseThrow(() -> new NotFound("inbox"));
        me.require(Permission.PRIVACY_MANAGE);
        return consents.privacy(me.workspaceId(), inboxId).orElseGet(() -> InboxPrivacy.defaults(inboxId));
    }

    /**
     * Sets the inbox's consent mode, storage, notice and privacy-policy link. The
     * notice's version goes up when its text or link changes, so consents name the text
     * they were given to. Asking for consent needs a notice.
     * @throws Rejected {@code bad_notice}, {@code bad_policy_url}
     */
    @Transactional
    public InboxPrivacy setInboxPrivacy(Grants me, InboxId inboxId, ConsentMode consent, VisitorStorage storage,
            String notice, String policyUrl) {
        Text.requireWellFormed(notice, "the notice");
        Text.requireWellFormed(policyUrl, "the privacy policy's address");
        String text = notice == null ? "" : notice.strip().replace("\r\n", "\n");
        if (text.codePointCount(0, text.length()) > MAX_NOTICE_LENGTH
                || text.codePoints().anyMatch(Text::isForbiddenControl)) {
            throw new Rejected("bad_notice",
                    "A notice has at most " + MAX_NOTICE_LENGTH + " characters and no control characters.");
        }
        if (consent != ConsentMode.OFF && text.isEmpty()) {
            throw new Rejected("bad_notice", "Asking for consent needs a notice that says what the chat keeps.");
        }
        String link = policyUrl(policyUrl);
        InboxPrivacy before = inboxPrivacy(me, inboxId);
        boolean newText = !before.notice().equals(text) || !Objects.equals(before.policyUrl(), link);
        InboxPrivacy after = new InboxPrivacy(inboxId, Objects.requireNonNull(consent), Objects.requireNonNull(storage),
                text, before.noticeVersion() + (newText ? 1 : 0), link);
        if (!after.equals(before)) {
            consents.save(me.workspaceId(), after, Timestamps.now(clock));
            events.publishEvent(new InboxPrivacyChanged(me.workspaceId(), me.memberId(), after));
        }
        return after;
    }

    /** An absolute https URL of printable ASCII, without user info; null when blank. */
    private static String policyUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String text = url.strip();
        Rejected refused = new Rejected("bad_policy_url",
                "The privacy policy's address is a full https:// URL, at most " + MAX_POLICY_URL_LENGTH
                        + " characters.");
        if (text.length() > MAX_POLICY_URL_LENGTH || !text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw refused;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw refused;
            }
        }
        catch (URISyntaxException e) {
            throw refused;
        }
        return text;
    }

    private void announceRedaction(Grants me, Map<String, String> details) {
        events.publishEvent(new PrivacySettingsChanged(me.workspaceId(), me.memberId(),
                PrivacySettingsChanged.Setting.REDACTION, details));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                redactor.changed(me.workspaceId());
            }
        });
    }

}
