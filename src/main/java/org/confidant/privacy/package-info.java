/**
 * Privacy at the door: what enters Confidant is first made fit to keep. The
 * {@link org.confidant.privacy.Redactor} is the one entry point every path that keeps or
 * passes on typed text calls before encryption, storage and fan-out (card numbers that
 * pass the Luhn and issuer checks, IBANs that pass mod 97, and each workspace's own rules
 * on the linear-time RE2/J engine, within a time budget, failing closed with
 * {@code redaction_failed}); {@link org.confidant.privacy.ConsentManagement} holds each
 * inbox's consent mode, storage and notice and the consent each visitor gave; and
 * {@link org.confidant.privacy.PrivacyManagement} serves the privacy settings pages (the
 * IP mode the {@code workspace} module keeps, redaction, consent per inbox). A visitor
 * who withdraws their consent is announced
 * ({@link org.confidant.privacy.ConsentWithdrawn}) to the modules above, which delete
 * what it let them keep.
 */
@ApplicationModule(displayName = "Privacy", allowedDependencies = { "access::api", "inbox::api", "workspace::api" })
@NullMarked
package org.confidant.privacy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
