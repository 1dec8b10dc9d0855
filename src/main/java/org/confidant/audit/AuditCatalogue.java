package org.confidant.audit;

import java.util.List;

/**
 * The action names of the audit log, a contract with alert rules and with whoever reads an export: what each means,
 * which event records it, and which are reserved for features still to come. {@code docs/audit.md} is generated from
 * here ({@code java -jar confidant.jar audit-actions}); a test keeps the two equal.
 */
public final class AuditCatalogue {

    /** One action name. {@code reserved}: no code records it yet; the feature that will must use this name. */
    public record Action(String name, String meaning, String recordedFrom, boolean reserved) {
    }

    public static final List<Action> ACTIONS = List.of(
            recorded("sign_in.succeeded", "A member signed in with a password or a passkey (target: the member; "
                    + "details: method).", "identity.SignedIn"),
            recorded("sign_in.failed", "A wrong password for a member's email, or a refused passkey of theirs "
                    + "(actor: anonymous; details: reason). Recorded in every workspace the account belongs to; an "
                    + "email or passkey no account has is recorded nowhere.", "identity.SignInFailed"),
            recorded("sign_in.throttled", "Sign-ins for a member's email are slowed down after failures (details: "
                    + "failures, until). Recorded in every workspace the account belongs to; a throttled address, "
                    + "or an email no account has, belongs to no workspace and is not recorded.",
                    "identity.MemberSignInThrottled"),
            recorded("sign_out", "A member signed out.", "identity.SessionEnded"),
            recorded("session.revoked", "A session was ended by its member from another session, by an admin, by a "
                    + "password change, or because the membership ended (details: cause).", "identity.SessionEnded"),
            recorded("session.expired", "A session ended after being idle or at its absolute lifetime (details: "
                    + "cause).", "identity.SessionEnded"),
            recorded("member.invited", "A member issued an invitation link (details: role).", "access.MemberInvited"),
            recorded("member.role_changed", "A member's role changed (details: role).", "access.MemberRoleChanged"),
            recorded("member.overrides_changed", "A permission override was set or cleared (details: permission, "
                    + "value).", "access.MemberOverridesChanged"),
            recorded("member.scope_changed", "A member's conversation scope changed (details: scope).",
                    "access.MemberScopeChanged"),
            recorded("member.inboxes_changed", "A member joined or left an inbox (details: inbox, change).",
                    "access.MemberInboxesChanged"),
            recorded("member.removed", "A membership ended, by removal or by leaving (details: left).",
                    "access.MemberRemoved"),
            recorded("member.deactivated", "A member was deactivated: signed out, API tokens revoked, no sign-in to "
                    + "the workspace until reactivated.", "access.MemberDeactivated"),
            recorded("member.reactivated", "A deactivated member was reactivated with the access they had.",
                    "access.MemberReactivated"),
            recorded("ownership.transferred", "An owner handed ownership to another member (target: the new owner).",
                    "access.OwnershipTransferred"),
            recorded("conversation.read", "A member opened a conversation; once per member, conversation and "
                    + "session per 10 minutes.", "conversation.ConversationRead"),
            recorded("contact.read", "A member saw a contact's card; once per member, contact and session per 10 "
                    + "minutes.", "conversation.ContactRead"),
            recorded("contact.blocked", "A member blocked a contact from a conversation page: its chat sessions "
                    + "ended and new ones are refused, from its last address too.", "contact.ContactBlockChanged"),
            recorded("contact.unblocked", "A member lifted a contact's block.", "contact.ContactBlockChanged"),
            recorded("audit.exported", "A member exported the audit log (details: format, entries, filters).",
                    "audit.AuditExported"),
            recorded("audit.retention_purged", "Entries older than the retention were removed (actor: system; "
                    + "details: entries, before, retention).", "audit.AuditLog (retention)"),
            recorded("password.changed", "A member changed their password, or set a new one through a reset link "
                    + "(details: via, `current_password` or `reset_link`); recorded in each workspace of the account.",
                    "identity.PasswordChanged"),
            recorded("password.reset_requested", "Someone asked for a password-reset link for the member's account "
                    + "(actor: anonymous; details: from, the requesting address); recorded in each workspace of the "
                    + "account, and for no workspace when no account has the email.",
                    "identity.PasswordResetRequested"),
            recorded("account.email_changed", "A member changed their account's email.", "identity.EmailChanged"),
            recorded("second_factor.enrolled", "A member added a second factor (details: method, totp for an "
                    + "authenticator app or passkey).", "identity.SecondFactorChanged"),
            recorded("second_factor.removed", "A member removed a second factor (details: method).",
                    "identity.SecondFactorChanged"),
            recorded("recovery_codes.regenerated", "A member replaced their recovery codes.",
                    "identity.SecondFactorChanged"),
            recorded("sign_in.second_factor_succeeded", "A sign-in gave a valid second factor (details: method).",
                    "identity.SecondFactorChecked"),
            recorded("sign_in.second_factor_failed", "A sign-in gave a wrong second factor (details: method).",
                    "identity.SecondFactorChecked"),
            recorded("policy.two_factor_required_changed", "The \"2FA required\" policy changed (details: required).",
                    "identity.TwoFactorRequirementChanged"),
            recorded("policy.session_limits_changed", "The workspace's session idle timeout or absolute lifetime "
                    + "changed (details: idle_timeout, absolute_lifetime).", "identity.SessionLimitsChanged"),
            recorded("sso.configured", "The workspace's OpenID Connect provider was set or changed (details: issuer).",
                    "sso.SsoConfigured"),
            recorded("sso.removed", "The workspace's OpenID Connect provider was removed.", "sso.SsoRemoved"),
            recorded("policy.sso_required_changed", "The \"SSO required\" policy changed (details: required).",
                    "sso.SsoRequiredChanged"),
            recorded("sign_in.sso_succeeded", "A member signed in through the workspace's provider.",
                    "sso.SsoSignInSucceeded"),
            recorded("sign_in.sso_failed", "A sign-in through the workspace's provider was refused (details: reason).",
                    "sso.SsoSignInFailed"),
            recorded("member.joined_by_sso", "A person became a member by signing in through the provider (details: "
                    + "role).", "sso.MemberJoinedBySso"),
            recorded("api_token.created", "An API token was created (details: name, permissions, expires).",
                    "api.ApiTokenCreated"),
            recorded("api_token.revoked", "An API token was revoked, by a member or because its member was removed, "
                    + "deactivated or changed credentials (details: reason).", "api.ApiTokenRevoked"),
            recorded("api_token.first_used", "An API token made its first call.", "api.ApiTokenUsed"),
            recorded("api_token.daily_use", "How many calls an API token made on its last day of use (details: day, "
                    + "calls); written on its first call of a later day.", "api.ApiTokenUsed"),
            recorded("inbox.allowed_domains_changed", "An inbox's allowed domains changed (details: origins).",
                    "inbox.InboxAllowedDomainsChanged"),
            recorded("inbox.identity_key_added", "An identity-verification key was added to an inbox (details: kid, "
                    + "algorithm).", "inbox.IdentityKeyChanged"),
            recorded("inbox.identity_key_retired", "An inbox's identity-verification key was retired (details: kid).",
                    "inbox.IdentityKeyChanged"),
            recorded("inbox.identity_required_changed", "Whether an inbox opens only for verified visitors changed "
                    + "(details: required).", "inbox.IdentityKeyChanged"),
            recorded("attachment.uploaded", "A file was sent in a conversation (details: conversation, type, size).",
                    "attachment.AttachmentUploaded"),
            recorded("attachment.rejected", "A file was refused (details: reason, and what a malware scan found).",
                    "attachment.AttachmentRejected"),
            recorded("attachment.deleted", "A file was deleted (details: conversation).", "attachment.AttachmentDeleted"),
            recorded("alert.rule_changed", "An alert rule was switched on or off (target: the rule; details: enabled).",
                    "alert.AlertRuleChanged"),
            recorded("alert.channel_added", "An alert channel was added (details: kind).", "alert.AlertChannelAdded"),
            recorded("alert.channel_removed", "An alert channel was removed (details: kind).", "alert.AlertChannelRemoved"),
            recorded("job.submitted", "A job was queued (actor: the member who asked for it, or the system; target: "
                    + "the job; details: kind).", "job.JobSubmitted"),
            recorded("job.succeeded", "A job finished and its result became available (actor: system; details: kind, "
                    + "done, total).", "job.JobFinished"),
            recorded("job.failed", "A job failed (outcome failure; actor: system; details: kind, done, total); why is "
                    + "on the job's page.", "job.JobFinished"),
            recorded("job.cancelled", "A member cancelled a job before it finished (details: kind, done, total).",
                    "job.JobFinished"),
            reserved("workspace.exported", "A workspace's data was exported."),
            reserved("conversations.deleted", "Conversations were deleted (details: count)."),
            reserved("contact.erased", "A contact was erased."),
            recorded("key.rotated", "The operator rotated the workspace's keys: a new primary data key, or its keysets "
                    + "re-wrapped under a new master key (actor: system; details: rotated, new_version).", "crypto.KeyRotated"),
            reserved("key.shredded", "A workspace's keys were destroyed. (Shredding is the last step of deleting a "
                    + "workspace, whose own log goes with it: recording it needs a deployment-level log.)"));

    private AuditCatalogue() {
    }

    /** {@code docs/audit.md}. */
    public static String markdown() {
        StringBuilder out = new StringBuilder("""
                # Audit log

                <!-- Generated from org.confidant.audit.AuditCatalogue (java -jar confidant.jar audit-actions); \
                AuditCatalogueTests keeps it equal. -->

                Every workspace has its own audit log: one entry per security-relevant action, reads of conversations \
                and contacts included. An entry holds its sequence number, the time (UTC), the actor (a member, an API \
                token, the system or someone not signed in: kind, id and a label such as the member's email), the \
                action, the target (`kind:id`), the outcome (`success`, `failure`, `denied`), the source address and \
                user agent of the request, and non-secret details. It never holds a message body, a password, a token \
                or a secret: a privacy filter withholds detail values under keys that name secrets, text longer than \
                200 characters and anything shaped like a token.

                Entries are hash-chained per workspace: each entry's hash is an HMAC-SHA256, under the workspace's own \
                key in the key vault (never in the database), of the entry's fields and the previous entry's hash. \
                `java -jar confidant.jar audit verify` and the audit page report "intact" or the first broken link. \
                Only the log's retention (`confidant.audit.retention`, a year by default; the purge is itself \
                recorded) and the deletion of a whole workspace remove entries; nothing updates them.

                Sign-in events that belong to no workspace are in no workspace's log: a failed sign-in or a throttle \
                for an email no account has, and a throttle of a source address. A failure or throttle for an email \
                that has an account is recorded in each workspace the account belongs to, where only that \
                workspace's audit readers see it; the person signing in is told the same either way.

                ## Actions

                | action | what happened | recorded from |
                | --- | --- | --- |
                """);
        ACTIONS.stream().filter(action -> !action.reserved()).forEach(action -> out.append("| `")
                .append(action.name()).append("` | ").append(action.meaning()).append(" | `")
                .append(action.recordedFrom()).append("` |\n"));
        out.append("""

                ## Reserved

                Names that features still to come record under; alert rules may already refer to them.

                | action | what happens |
                | --- | --- |
                """);
        ACTIONS.stream().filter(Action::reserved).forEach(action -> out.append("| `").append(action.name())
                .append("` | ").append(action.meaning()).append(" |\n"));
        return out.toString();
    }

    private static Action recorded(String name, String meaning, String recordedFrom) {
        return new Action(name, meaning, recordedFrom, false);
    }

    private static Action reserved(String name, String meaning) {
        return new Action(name, meaning, "", true);
    }
}
