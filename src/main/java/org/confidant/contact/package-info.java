/**
 * Contacts: the people who write in through the widget. A contact starts as an anonymous visitor of one inbox; agents
 * may record a name, email and phone. All of it is personal data, stored only encrypted (with a blind index for
 * look-ups by email). Depends on {@code crypto} and {@code shared}.
 */
package org.confidant.contact;
