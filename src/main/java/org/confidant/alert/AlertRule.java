package org.confidant.alert;

import java.util.Arrays;
import java.util.Optional;

import org.confidant.audit.AuditEntryRecorded;
import org.confidant.shared.AuditAction;

/**
 * The alert rules. Each watches one kind of audit entry; all are on by default in every
 * workspace (they are the risky actions), and a member with {@code security.manage}
 * switches each one per workspace.
 */
public enum AlertRule {

    WORKSPACE_EXPORTED(AuditAction.WORKSPACE_EXPORTED, "The workspace was exported"),
    CONVERSATIONS_DELETED(AuditAction.CONVERSATIONS_DELETED, "Conversations were deleted in bulk"),
    CONTACT_ERASED(AuditAction.CONTACT_ERASED, "A contact was erased"),
    CONTACT_EXPORTED(AuditAction.CONTACT_EXPORTED, "A contact's data was exported"),
    MEMBER_MADE_OWNER_OR_ADMIN(AuditAction.MEMBER_ROLE_CHANGED, "A member was made owner or admin"),
    OWNERSHIP_TRANSFERRED(AuditAction.OWNERSHIP_TRANSFERRED, "Ownership of the workspace was handed over"),
    TWO_FACTOR_POLICY_OFF(AuditAction.POLICY_TWO_FACTOR_REQUIRED_CHANGED, "The 2FA requirement was turned off"),
    SSO_POLICY_OFF(AuditAction.POLICY_SSO_REQUIRED_CHANGED, "The SSO requirement was turned off"),
    KEY_ROTATED(AuditAction.KEY_ROTATED, "An encryption key was rotated"),
    KEY_SHREDDED(AuditAction.KEY_SHREDDED, "An encryption key was shredded"),
    SIGN_IN_BURST(AuditAction.SIGN_IN_FAILED, "A burst of failed sign-ins"),
    API_TOKEN_CREATED(AuditAction.API_TOKEN_CREATED, "An API token was created");

    private final AuditAction action;

    private final String title;

    AlertRule(AuditAction action, String title) {
        this.action = action;
        this.title = title;
    }

    /** The audit action the rule watches. */
    public AuditAction action() {
        return action;
    }

    /** What happened, in a few words (the alert's subject). */
    public String title() {
        return title;
    }

    /**
     * The stable name stored per workspace and sent in webhook bodies, e.g.
     * {@code member_made_owner_or_admin}.
     */
    public String key() {
        return name().toLowerCase();
    }

    /**
     * The rule an entry concerns, if any. A role change counts only when it makes an
     * owner or an admin, a policy change only when it turns the policy off. A failed
     * sign-in is a candidate: {@link AlertRaiser} counts the burst.
     */
    public static Optional<AlertRule> concerning(AuditEntryRecorded entry) {
        Optional<AlertRule> rule = Arrays.stream(values())
            .filter(r -> r.action.storedName().equals(entry.action()))
            .findFirst();
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
