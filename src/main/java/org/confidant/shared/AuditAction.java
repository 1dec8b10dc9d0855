package org.confidant.shared;

/**
 * The audit log's catalogue of actions, a contract with alert rules and with whoever
 * reads an export: each action's stored name, what it means, and which event records it
 * ({@code module.Type}). An action with no event is reserved: the feature that will
 * record it must use this name, and alert rules may already refer to it.
 * {@code docs/audit.md} is generated from here
 * ({@code java -jar confidant.jar audit-actions}); {@code AuditCatalogueTests} keeps the
 * two equal and checks each "recorded from" against the events that really name the
 * action.
 */
public enum AuditAction {

    SIGN_IN_SUCCEEDED("sign_in.succeeded",
            "A member signed in with a password or a passkey (target: the member; details: " + "method).",
            "signin.SignedIn"),
    SIGN_IN_FAILED("sign_in.failed",
            "A wrong password for a member's email, or a refused passkey of theirs (actor: "
                    + "anonymous; details: reason). Recorded in every workspace the account belongs to; "
                    + "an email or passkey no account has is recorded nowhere.",
            "signin.SignInFailed"),
    SIGN_IN_THROTTLED("sign_in.throttled",
            "Sign-ins for a member's email are slowed down after failures (details: failures, "
                    + "until). Recorded in every workspace the account belongs to; a throttled address, "
                    + "or an email no account has, belongs to no workspace and is not recorded.",
            "signin.MemberSignInThrottled"),
    SIGN_OUT("sign_out", "A member signed out.", "signin.SessionEnded"),
    SESSION_REVOKED("session.revoked",
            "A session was ended by its member from another session, by an admin, by a "
                    + "password change, or because the membership ended (details: cause).",
            "signin.SessionEnded"),
    SESSION_EXPIRED("session.expired", "A session ended after being idle or at its absolute lifetime (details: cause).",
            "signin.SessionEnded"),
    MEMBER_INVITED("member.invited",
            "A member issued an invitation link (target: the invitation, whose id `member.joined` names; "
                    + "details: role).",
            "access.MemberInvited"),
    INVITATION_REVOKED("invitation.revoked",
            "A member revoked an invitation link before it was accepted (target: the invitation, as "
                    + "`member.invited` names it).",
            "access.InvitationRevoked"),
    MEMBER_JOINED("member.joined",
            "A person accepted an invitation and became a member (target: the member; details: role, " + "invitation).",
            "identity.MemberJoined"),
    WORKSPACE_CREATED("workspace.created", "A workspace was created with its owner, through the setup link.",
            "identity.WorkspaceCreated"),
    INBOX_CREATED("inbox.created", "A member created an inbox (target: the inbox).", "inbox.InboxCreated"),
    MEMBER_ROLE_CHANGED("member.role_changed", "A member's role changed (details: role).", "access.MemberRoleChanged"),
    MEMBER_OVERRIDES_CHANGED("member.overrides_changed",
            "A permission override was set or cleared (details: permission, value).", "access.MemberOverridesChanged"),
    MEMBER_SCOPE_CHANGED("member.scope_changed", "A member's conversation scope changed (details: scope).",
            "access.MemberScopeChanged"),
    MEMBER_INBOXES_CHANGED("member.inboxes_changed", "A member joined or left an inbox (details: inbox, change).",
            "access.MemberInboxesChanged"),
    MEMBER_REMOVED("member.removed", "A membership ended, by removal or by leaving (details: left).",
            "access.MemberRemoved"),
    MEMBER_DEACTIVATED("member.deactivated",
            "A member was deactivated: signed out, API tokens revoked, no sign-in to the "
                    + "workspace until reactivated.",
            "access.MemberDeactivated"),
    MEMBER_REACTIVATED("member.reactivated", "A deactivated member was reactivated with the access they had.",
            "access.MemberReactivated"),
    OWNERSHIP_TRANSFERRED("ownership.transferred",
            "An owner handed ownership to another member (target: the new owner).", "access.OwnershipTransferred"),
    CONVERSATION_READ("conversation.read",
            "A member opened a conversation; once per member, conversation and session per 10 " + "minutes.",
            "conversation.ConversationRead"),
    CONTACT_READ("contact.read",
            "A member saw a contact's card; once per member, contact and session per 10 " + "minutes.",
            "conversation.ContactRead"),
    CONTACT_BLOCKED("contact.blocked",
            "A member blocked a contact from a conversation page: its chat sessions ended and "
                    + "new ones are refused, from its last address too.",
            "contact.ContactBlockChanged"),
    CONTACT_UNBLOCKED("contact.unblocked", "A member lifted a contact's block.", "contact.ContactBlockChanged"),
    CONVERSATION_ASSIGNED("conversation.assigned",
            "A member assigned a conversation, to themselves or another member, or unassigned it, or round-robin "
                    + "routing assigned it (actor: the system) (details: assignee, previous; `none` for nobody).",
            "conversation.ConversationAssigned"),
    CONVERSATION_RESOLVED("conversation.resolved", "A member resolved a conversation.",
            "conversation.ConversationStatusChanged"),
    CONVERSATION_REOPENED("conversation.reopened",
            "A member reopened a conversation (a visitor's message that reopens one is not recorded).",
            "conversation.ConversationStatusChanged"),
    AUDIT_EXPORTED("audit.exported", "A member exported the audit log (details: format, entries, filters).",
            "audit.AuditExported"),
    AUDIT_RETENTION_PURGED("audit.retention_purged",
            "Entries older than the retention were removed (actor: system; details: entries, " + "before, retention).",
            "audit.AuditLog (retention)"),
    PASSWORD_CHANGED("password.changed",
            "A member changed their password, or set a new one through a reset link (details: "
                    + "via, `current_password` or `reset_link`); recorded in each workspace of the " + "account.",
            "identity.PasswordChanged"),
    NOTIFICATIONS_CHANGED("notifications.changed",
            "A member changed what notifies them in the dashboard (details: new_conversations, "
                    + "my_conversations, inbox_messages, sound, previews; previews on lets message text show in "
                    + "desktop notifications).",
            "identity.NotificationPreferencesChanged"),
    PASSWORD_RESET_REQUESTED("password.reset_requested",
            "Someone asked for a password-reset link for the member's account (actor: "
                    + "anonymous; details: from, the requesting address); recorded in each workspace of "
                    + "the account, and for no workspace when no account has the email.",
            "identity.PasswordResetRequested"),
    ACCOUNT_EMAIL_CHANGED("account.email_changed", "A member changed their account's email.", "identity.EmailChanged"),
    SECOND_FACTOR_ENROLLED("second_factor.enrolled",
            "A member added a second factor (details: method, totp for an authenticator app " + "or passkey).",
            "signin.SecondFactorChanged"),
    SECOND_FACTOR_REMOVED("second_factor.removed", "A member removed a second factor (details: method).",
            "signin.SecondFactorChanged"),
    RECOVERY_CODES_REGENERATED("recovery_codes.regenerated", "A member replaced their recovery codes.",
            "signin.SecondFactorChanged"),
    SIGN_IN_SECOND_FACTOR_SUCCEEDED("sign_in.second_factor_succeeded",
            "A sign-in gave a valid second factor (details: method).", "signin.SecondFactorChecked"),
    SIGN_IN_SECOND_FACTOR_FAILED("sign_in.second_factor_failed",
            "A sign-in gave a wrong second factor (details: method).", "signin.SecondFactorChecked"),
    POLICY_TWO_FACTOR_REQUIRED_CHANGED("policy.two_factor_required_changed",
            "The \"2FA required\" policy changed (details: required).", "signin.TwoFactorRequirementChanged"),
    POLICY_SESSION_LIMITS_CHANGED("policy.session_limits_changed",
            "The workspace's session idle timeout or absolute lifetime changed (details: "
                    + "idle_timeout, absolute_lifetime).",
            "signin.SessionLimitsChanged"),
    SSO_CONFIGURED("sso.configured", "The workspace's OpenID Connect provider was set or changed (details: issuer).",
            "sso.SsoConfigured"),
    SSO_REMOVED("sso.removed", "The workspace's OpenID Connect provider was removed.", "sso.SsoRemoved"),
    POLICY_SSO_REQUIRED_CHANGED("policy.sso_required_changed",
            "The \"SSO required\" policy changed (details: required).", "sso.SsoRequiredChanged"),
    SIGN_IN_SSO_SUCCEEDED("sign_in.sso_succeeded", "A member signed in through the workspace's provider.",
            "sso.SsoSignInSucceeded"),
    SIGN_IN_SSO_FAILED("sign_in.sso_failed",
            "A sign-in through the workspace's provider was refused (details: reason).", "sso.SsoSignInFailed"),
    MEMBER_JOINED_BY_SSO("member.joined_by_sso",
            "A person became a member by signing in through the provider (details: role).", "sso.MemberJoinedBySso"),
    API_TOKEN_CREATED("api_token.created", "An API token was created (details: name, permissions, expires).",
            "api.ApiTokenCreated"),
    API_TOKEN_REVOKED("api_token.revoked",
            "An API token was revoked, by a member or because its member was removed, "
                    + "deactivated or changed credentials (details: reason).",
            "api.ApiTokenRevoked"),
    API_TOKEN_FIRST_USED("api_token.first_used", "An API token made its first call.", "api.ApiTokenUsed"),
    API_TOKEN_DAILY_USE("api_token.daily_use",
            "How many calls an API token made on its last day of use (details: day, calls); "
                    + "written on its first call of a later day.",
            "api.ApiTokenUsed"),
    INBOX_ALLOWED_DOMAINS_CHANGED("inbox.allowed_domains_changed",
            "An inbox's allowed domains changed (details: origins).", "inbox.InboxAllowedDomainsChanged"),
    INBOX_WIDGET_LANGUAGE_CHANGED("inbox.widget_language_changed",
            "An inbox's widget language was fixed, or left to the visitor's browser (details: language, auto or a tag).",
            "inbox.InboxWidgetLanguageChanged"),
    INBOX_IDENTITY_KEY_ADDED("inbox.identity_key_added",
            "An identity-verification key was added to an inbox (details: kid, algorithm).",
            "inbox.IdentityKeyChanged"),
    INBOX_IDENTITY_KEY_RETIRED("inbox.identity_key_retired",
            "An inbox's identity-verification key was retired (details: kid).", "inbox.IdentityKeyChanged"),
    INBOX_IDENTITY_REQUIRED_CHANGED("inbox.identity_required_changed",
            "Whether an inbox opens only for verified visitors changed (details: required).",
            "inbox.IdentityKeyChanged"),
    INBOX_ROUTING_CHANGED("inbox.routing_changed",
            "An inbox's round-robin routing was turned on or off or its limit changed (target: the inbox; details: "
                    + "round_robin, open_limit).",
            "routing.InboxRoutingChanged"),
    ATTACHMENT_UPLOADED("attachment.uploaded", "A file was sent in a conversation (details: conversation, type, size).",
            "attachment.AttachmentUploaded"),
    ATTACHMENT_REJECTED("attachment.rejected", "A file was refused (details: reason, and what a malware scan found).",
            "attachment.AttachmentRejected"),
    ATTACHMENT_DELETED("attachment.deleted", "A file was deleted (details: conversation).",
            "attachment.AttachmentDeleted"),
    ALERT_RULE_CHANGED("alert.rule_changed",
            "An alert rule was switched on or off (target: the rule; details: enabled).", "alert.AlertRuleChanged"),
    ALERT_CHANNEL_ADDED("alert.channel_added", "An alert channel was added (details: kind).",
            "alert.AlertChannelAdded"),
    ALERT_CHANNEL_REMOVED("alert.channel_removed", "An alert channel was removed (details: kind).",
            "alert.AlertChannelRemoved"),
    JOB_SUBMITTED("job.submitted",
            "A job was queued (actor: the member who asked for it, or the system; target: the job; details: kind).",
            "job.JobSubmitted"),
    JOB_SUCCEEDED("job.succeeded",
            "A job finished and its result became available (actor: system; details: kind, done, total).",
            "job.JobFinished"),
    JOB_FAILED("job.failed",
            "A job failed (outcome failure; actor: system; details: kind, done, total); why is on the job's page.",
            "job.JobFinished"),
    JOB_CANCELLED("job.cancelled", "A member cancelled a job before it finished (details: kind, done, total).",
            "job.JobFinished"),
    WORKSPACE_EXPORTED("workspace.exported",
            "A member's export of the whole workspace was made (target: the export; details: job).",
            "lifecycle.ExportMade"),
    CONTACT_EXPORTED("contact.exported",
            "A member's export of one contact's data (a data-subject access request) was made (target: the "
                    + "contact; details: export, job).",
            "lifecycle.ExportMade"),
    EXPORT_DOWNLOADED("export.downloaded", "A member downloaded an export (target: the export; details: kind).",
            "lifecycle.ExportDownloaded"),
    TEXT_REDACTED("text.redacted",
            "The redactor removed card numbers, IBANs or matches of the workspace's own rules from a text before it "
                    + "was stored (target: the conversation or contact; details: field, cards, ibans, custom; never "
                    + "what was removed).",
            "privacy.TextRedacted"),
    PRIVACY_IP_MODE_CHANGED("privacy.ip_mode_changed",
            "How much of an IP address the workspace keeps changed (details: mode: none, truncated or full).",
            "privacy.PrivacySettingsChanged"),
    PRIVACY_REDACTION_CHANGED("privacy.redaction_changed",
            "The workspace's redaction changed: how card numbers and IBANs are replaced, or a custom rule added or "
                    + "removed (details: change, replacement or rule).",
            "privacy.PrivacySettingsChanged"),
    PRIVACY_CONSENT_SETTINGS_CHANGED("privacy.consent_settings_changed",
            "An inbox's consent mode, storage, notice or privacy-policy link changed (target: the inbox; details: "
                    + "consent, storage, notice_version).",
            "privacy.InboxPrivacyChanged"),
    CONSENT_WITHDRAWN("consent.withdrawn",
            "A visitor withdrew their consent in the widget: their chat sessions ended and what the consent let "
                    + "Confidant keep was deleted (actor: the visitor; target: the contact).",
            "privacy.ConsentWithdrawn"),
    EGRESS_REFUSED("egress.refused",
            "An outbound connection of the workspace was refused before it was made: its host is not allowed by the "
                    + "operator (confidant.egress.allowed-hosts) or by the SSRF guard (actor: system; details: flow, "
                    + "host, reason).",
            "egress.EgressRefused"),
    CONVERSATIONS_DELETED("conversations.deleted", "Conversations were deleted (details: count).", null),
    RETENTION_PURGED("retention.purged",
            "The retention purge deleted what the workspace's policies let go (actor: system; details: "
                    + "conversations, posts (messages), attachments, contacts). One entry per run that deleted anything, "
                    + "counts only.",
            "lifecycle.PurgeRan"),
    CONTACT_ERASED("contact.erased",
            "Contacts were erased with everything they wrote, on a member's request (target: the receipt; "
                    + "details: contacts, conversations, posts (messages), attachments). Ids and counts only.",
            "lifecycle.ErasureDone"),
    RETENTION_CHANGED("retention.changed",
            "A retention policy was set, for the workspace or an inbox (details: inbox, and each window in days "
                    + "or \"forever\").",
            "lifecycle.RetentionChanged"),
    LEGAL_HOLD_PLACED("legal_hold.placed", "A legal hold was placed on a conversation or contact (target: it).",
            "lifecycle.LegalHoldChanged"),
    LEGAL_HOLD_RELEASED("legal_hold.released", "A legal hold was lifted (target: the conversation or contact).",
            "lifecycle.LegalHoldChanged"),
    WORKSPACE_CANCELLED("workspace.cancelled",
            "An owner cancelled the workspace: inaccessible at once, deleted after the grace period (details: "
                    + "shred_after).",
            "workspace.WorkspaceCancelled"),
    WORKSPACE_RESTORED("workspace.restored", "An owner undid the workspace's cancellation.",
            "workspace.WorkspaceRestored"),
    KEY_ROTATED("key.rotated",
            "The operator rotated the workspace's keys: a new primary data key, or its "
                    + "keysets re-wrapped under a new master key (actor: system; details: rotated, " + "new_version).",
            "crypto.KeyRotated"),
    SAVED_REPLY_ADDED("saved_reply.added",
            "A member added a saved reply (target: the reply; details: name, scope workspace or personal).",
            "reply.SavedReplyChanged"),
    SAVED_REPLY_CHANGED("saved_reply.changed",
            "A member changed a saved reply's name or text (target: the reply; details: name, scope).",
            "reply.SavedReplyChanged"),
    SAVED_REPLY_DELETED("saved_reply.deleted",
            "A member deleted a saved reply (target: the reply; details: name, " + "scope).",
            "reply.SavedReplyChanged"),
    REPORT_EXPORTED("report.exported",
            "A member downloaded a report's figures as CSV (details: from, to, inboxes; counts and times only).",
            "report.ReportExported"),
    LABEL_ADDED("label.added", "A member added a conversation label (target: the label; details: name, colour).",
            "conversation.LabelChanged"),
    LABEL_CHANGED("label.changed",
            "A member renamed or recoloured a conversation label (target: the label; details: name, colour).",
            "conversation.LabelChanged"),
    LABEL_DELETED("label.deleted",
            "A member deleted a conversation label, taking it off every conversation (target: the label; details: "
                    + "name, colour).",
            "conversation.LabelChanged"),
    CONVERSATION_LABELLED("conversation.labelled",
            "A member put a label on a conversation (target: the conversation; details: label, name).",
            "conversation.ConversationLabelled"),
    CONVERSATION_UNLABELLED("conversation.unlabelled",
            "A member took a label off a conversation (target: the conversation; details: label, name).",
            "conversation.ConversationLabelled"),
    KEY_SHREDDED("key.shredded", "A workspace's keys were destroyed. (Shredding is the last step of deleting a "
            + "workspace, whose own log goes with it: recording it needs a deployment-level " + "log.)", null);

    private final String storedName;

    private final String meaning;

    private final String recordedFrom;

    AuditAction(String storedName, String meaning, String recordedFrom) {
        this.storedName = storedName;
        this.meaning = meaning;
        this.recordedFrom = recordedFrom;
    }

    /**
     * The dotted name stored in the log and matched by alert rules, for example
     * {@code member.role_changed}.
     */
    public String storedName() {
        return storedName;
    }

    /** What happened, for a reader of the log. */
    public String meaning() {
        return meaning;
    }

    /** The event that records it, as {@code module.Type}; empty for a reserved action. */
    public String recordedFrom() {
        return recordedFrom == null ? "" : recordedFrom;
    }

    /** No code records this action yet. */
    public boolean reserved() {
        return recordedFrom == null;
    }

}
