/**
 * Contacts: the people who write in through the widget. A contact starts as an anonymous
 * visitor of one inbox; agents may record a name, email and phone, and a signed identity
 * token may vouch for them. All of it is personal data, passed through the privacy
 * module's redactor and stored only encrypted (with a blind index for look-ups by email);
 * of the address a visitor came from, only what the workspace's IP mode keeps. A member
 * may block a contact ({@link org.confidant.contact.ContactBlockChanged}, acted on by the
 * widget module in the same transaction);
 * {@link org.confidant.contact.ContactManagement#admitVisitor} refuses a blocked
 * contact's visitor and locks the row, so that a block and a visitor's arrival happen one
 * after the other. {@link org.confidant.contact.LiveVisits} holds, in memory only and for
 * this node's connections, what a connected visitor's widget says of the visit now (the
 * page's path, a browser summary, the time zone): never stored, logged or audited.
 */
@ApplicationModule(displayName = "Contacts", allowedDependencies = { "crypto::api", "privacy::api", "workspace::api" })
@NullMarked
package org.confidant.contact;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
