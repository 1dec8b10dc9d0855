/**
 * Contacts: the people who write in through the widget. A contact starts as an anonymous visitor of one inbox; agents
 * may record a name, email and phone. All of it is personal data, stored only encrypted (with a blind index for
 * look-ups by email). A member may block a contact ({@link org.confidant.contact.ContactBlockChanged}, which the widget
 * module acts on in the same transaction); a blocked contact's visitor is refused by
 * {@link org.confidant.contact.ContactManagement#admitVisitor}, which also locks the row so that a block and a visitor's
 * arrival happen one after the other. Depends on {@code crypto} and {@code shared}.
 */
package org.confidant.contact;
