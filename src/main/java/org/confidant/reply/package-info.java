/**
 * Saved replies: texts a member inserts into the reply box by typing {@code /} and a
 * name, the workspace's (which owners and admins manage) and each member's own.
 * {@link org.confidant.reply.SavedReplyManagement} stores them with their bodies
 * encrypted, refuses a body over a message's limit or with a variable it does not know,
 * audits every change without the body, and fills {@code {{contact.name}}},
 * {@code {{contact.email}}}, {@code {{agent.name}}} and {@code {{inbox.name}}} for a
 * conversation the member may answer (the contact's email only for a member who may read
 * contacts).
 */
@ApplicationModule(displayName = "Saved replies",
        allowedDependencies = { "access::api", "contact::api", "conversation::api", "crypto::api", "inbox::api",
                "workspace::api" })
@NullMarked
package org.confidant.reply;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
