package org.confidant.audit;

import java.util.Arrays;

import org.confidant.shared.AuditAction;

/**
 * Publishes the audit log's catalogue of actions ({@link AuditAction}) as
 * {@code docs/audit.md} ({@code java -jar
 * confidant.jar audit-actions}); a test keeps the two equal.
 */
public final class AuditCatalogue {

    private AuditCatalogue() {
    }

    /** {@code docs/audit.md}. */
    public static String markdown() {
        StringBuilder out = new StringBuilder("""
                # Audit log

                <!-- Generated from org.confidant.shared.AuditAction (java -jar confidant.jar audit-actions); \
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
        Arrays.stream(AuditAction.values())
            .filter(action -> !action.reserved())
            .forEach(action -> out.append("| `")
                .append(action.storedName())
                .append("` | ")
                .append(action.meaning())
                .append(" | `")
                .append(action.recordedFrom())
                .append("` |\n"));
        out.append("""

                ## Reserved

                Names that features still to come record under; alert rules may already refer to them.

                | action | what happens |
                | --- | --- |
                """);
        Arrays.stream(AuditAction.values())
            .filter(AuditAction::reserved)
            .forEach(action -> out.append("| `")
                .append(action.storedName())
                .append("` | ")
                .append(action.meaning())
                .append(" |\n"));
        return out.toString();
    }

}
