package org.confidant.alert;

import java.util.Arrays;
import java.util.Optional;

import org.confidant.audit.AuditEntryRecorded;

/**
 * The alert rules. Each watches one kind of audit entry; all are on by default in every workspace (they are the risky
 * actions), and a member with {@code security.manage} switches each one per workspace.
 */
public enum AlertRule {

    WORKSPACE_EXPORTED("workspace.exported", "The workspace was exported"),
    CONVERSATIONS_DELETED("conversations.deleted", "Conversations were deleted in bulk"),
    CONTACT_ERASED("contact.erased", "A contact was erased"),
    MEMBER_MADE_OWNER_OR_ADMIN("member.role_changed", "A member was made owner or admin"),
    OWNERSHIP_TRANSFERRED("ownership.transferred", "Ownership of the workspace was handed over"),
    TWO_FACTOR_POLICY_OFF("policy.two_factor_required_changed", "The 2FA requirement was turned off"),
    SSO_POLICY_OFF("policy.sso_required_changed", "The SSO requirement was turned off"),
    KEY_ROTATED("key.rotated", "An encryption key was rotated"),
    KEY_SHREDDED("key.shredded", "An encryption key was shredded"),
    SIGN_IN_BURST("sign_in.failed", "A burst of failed sign-ins"),
    API_TOKEN_CREATED("api_token.created", "An API token was created");

    private final String action;
    private final String title;

    AlertRule(String action, String title) {
        this.action = action;
        this.title = title;
    }

    /** The audit action the rule watches. */
    public String action() {
        return action;
    }

    /** What happened, in a few words (the alert's subject). */
    public String title() {
        return title;
    }

    /** The stable name stored per workspace and sent in webhook bodies, e.g. {@code member_made_owner_or_admin}. */
    public String key() {
        return name().toLowerCase();
    }

    /**
     * The rule an entry concerns, if any. A role change counts only when it makes an owner or an admin, a policy change
     * only when it turns the policy off. A failed sign-in is a candidate: {@link AlertRaiser} counts the burst.
     */
    public static Optional<AlertRule> concerning(AuditEntryRecorded entry) {
        Optional<AlertRule> rule = Arrays.stream(values()).filter(r -> r.action.equals(entry.action())).findFirst();
        return rule.filter(r -> switch (r) {
            case MEMBER_MADE_OWNER_OR_ADMIN -> {
                String role = entry.details().getOrDefault("role", "");
                yield role.equalsIgnoreCase("owner") || role.equalsIgnoreCase("admin");
            }
            case TWO_FACTOR_POLICY_OFF, SSO_POLICY_OFF -> "false".equalsIgnoreCase(entry.details().get("required"));
            default -> true;
        });
    }

    public static Optional<AlertRule> byKey(String key) {
        return Arrays.stream(values()).filter(r -> r.key().equals(key)).findFirst();
    }
}
