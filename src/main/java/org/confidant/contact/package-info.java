/**
 * Contacts: the people who write in through the widget. For now a contact is an anonymous visitor of one inbox with a
 * generated display name; later issues add verified identities (and encrypt every piece of PII). Depends only on
 * {@code shared}.
 */
package org.confidant.contact;
