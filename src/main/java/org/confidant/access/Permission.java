package org.confidant.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.confidant.identity.Role;
import org.springframework.modulith.NamedInterface;

/**
 * The permission catalogue. Each permission names one thing a member may do; a role is a
 * set of them, and per-member overrides grant or revoke single ones.
 * {@code docs/permissions.md} is generated from this enum (a test fails when the two
 * differ).
 */
@NamedInterface("api")
public enum Permission {

    CONVERSATIONS_READ_ALL("conversations.read.all", "Read every conversation of the workspace, in every inbox.",
            Role.OWNER, Role.ADMIN, Role.MANAGER),
    CONVERSATIONS_READ_INBOXES("conversations.read.inboxes",
            "Read the conversations of the inboxes the member belongs to (and those assigned to them).", Role.OWNER,
            Role.ADMIN, Role.MANAGER, Role.AGENT),
    CONVERSATIONS_READ_ASSIGNED("conversations.read.assigned", "Read the conversations assigned to the member.",
            Role.OWNER, Role.ADMIN, Role.MANAGER, Role.AGENT),
    CONVERSATIONS_REPLY("conversations.reply", "Reply in the conversations the member can read.", Role.OWNER,
            Role.ADMIN, Role.MANAGER, Role.AGENT),
    CONVERSATIONS_ASSIGN_SELF("conversations.assign.self",
            "Take a conversation the member can read, and hand back one assigned to them.", Role.OWNER, Role.ADMIN,
            Role.MANAGER, Role.AGENT),
    CONVERSATIONS_ASSIGN("conversations.assign",
            "Assign any conversation the member can read to any member, or unassign it.", Role.OWNER, Role.ADMIN,
            Role.MANAGER),
    CONVERSATIONS_RESOLVE("conversations.resolve", "Resolve and reopen the conversations the member can read.",
            Role.OWNER, Role.ADMIN, Role.MANAGER, Role.AGENT),
    CONTACTS_READ("contacts.read",
            "See the contact details (name, email, phone) of the conversations the member can read.", Role.OWNER,
            Role.ADMIN, Role.MANAGER, Role.AGENT),
    CONTACTS_EDIT("contacts.edit", "Record a contact's name, email and phone.", Role.OWNER, Role.ADMIN, Role.MANAGER,
            Role.AGENT),
    CONTACTS_BLOCK("contacts.block", "Block a contact: end their chat sessions and refuse new ones.", Role.OWNER,
            Role.ADMIN, Role.MANAGER, Role.AGENT),
    CONTACTS_EXPORT("contacts.export", "Export contacts and their conversations.", Role.OWNER, Role.ADMIN,
            Role.MANAGER),
    CONTACTS_ERASE("contacts.erase", "Erase a contact and everything they wrote.", Role.OWNER, Role.ADMIN),
    INBOXES_MANAGE("inboxes.manage", "Create and configure inboxes, and see their embed snippet.", Role.OWNER,
            Role.ADMIN),
    MEMBERS_MANAGE("members.manage",
            "Invite members, change their roles, overrides, scopes and inboxes, deactivate, reactivate and remove "
                    + "them. Owners alone make or unmake owners.",
            Role.OWNER, Role.ADMIN),
    SECURITY_MANAGE("security.manage", "Change the workspace's security policies (2FA, SSO, session limits).",
            Role.OWNER, Role.ADMIN),
    PRIVACY_MANAGE("privacy.manage",
            "Change the workspace's privacy settings: how much of an IP address is kept, how card numbers and IBANs "
                    + "are redacted, its own redaction rules, and each inbox's consent notice and storage.",
            Role.OWNER, Role.ADMIN),
    API_TOKENS_CREATE("api.tokens",
            "Create API tokens that act for the member with some of the member's own permissions (admins with "
                    + "security.manage see and revoke everyone's).",
            Role.OWNER, Role.ADMIN),
    AUDIT_READ("audit.read", "Read the audit log.", Role.OWNER, Role.ADMIN),
    RETENTION_MANAGE("privacy.retention",
            "Set how long the workspace and each inbox keep conversations, files, contacts and the audit log "
                    + "(shortening a policy asks for the workspace's name).",
            Role.OWNER, Role.ADMIN),
    LEGAL_HOLDS_MANAGE("privacy.holds",
            "Place and lift legal holds on conversations and contacts (nothing held is purged or erased).", Role.OWNER,
            Role.ADMIN),
    WORKSPACE_EXPORT("workspace.export", "Export the whole workspace.", Role.OWNER),
    REPLIES_MANAGE("replies.manage",
            "Add, change and delete the workspace's saved replies (every member uses them, and keeps saved replies "
                    + "of their own without this permission).",
            Role.OWNER, Role.ADMIN),
    REPORTS_VIEW("reports.view",
            "See and download the reports (conversations per day, first-response and resolution times) of the "
                    + "inboxes the member's scope covers.",
            Role.OWNER, Role.ADMIN),
    LABELS_MANAGE("labels.manage",
            "Add, rename, recolour and delete the workspace's conversation labels (anyone who may reply in a "
                    + "conversation puts them on it and takes them off).",
            Role.OWNER, Role.ADMIN, Role.MANAGER);

    private final String key;

    private final String description;

    private final Set<Role> roles;

    Permission(String key, String description, Role... roles) {
        this.key = key;
        this.description = description;
        this.roles = Set.of(roles);
    }

    /** The stable name used in overrides, API token scopes and the docs. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** Whether the role holds this permission before overrides. */
    public boolean inRole(Role role) {
        return roles.contains(role);
    }

    public static Set<Permission> ofRole(Role role) {
        EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (Permission permission : values()) {
            if (permission.inRole(role)) {
                permissions.add(permission);
            }
        }
        return permissions;
    }

    public static Optional<Permission> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

}
