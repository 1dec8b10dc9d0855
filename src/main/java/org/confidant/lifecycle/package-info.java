/**
 * The data lifecycle: what leaves, and when. Retention policies per workspace and per
 * inbox ({@link org.confidant.lifecycle.RetentionManagement}) that a purge applies
 * continuously in small batches, legal holds that nothing is purged or erased under
 * ({@link org.confidant.lifecycle.LegalHoldManagement}), erasure of a contact or of an
 * email address with a receipt signed by the deployment's key and an entry in the erasure
 * ledger that every start re-applies ({@link org.confidant.lifecycle.ErasureManagement}),
 * exports of a contact and of the whole workspace, made as jobs and downloaded through
 * short-lived links ({@link org.confidant.lifecycle.ExportManagement}), and the
 * cancellation of a workspace ({@link org.confidant.lifecycle.CancellationManagement}); a
 * visitor's withdrawn consent starts the erasure of their contact; and the statement of
 * what an inbox's chat stores and for how long, which the chat links to
 * ({@link org.confidant.lifecycle.PrivacyStatementManagement}). It sits at the top: it
 * decides what goes and asks the owning modules, through their APIs, to delete their own
 * rows.
 */
@ApplicationModule(displayName = "Data lifecycle",
        allowedDependencies = { "access::api", "attachment::api", "audit::api", "contact::api", "conversation::api",
                "crypto::api", "egress::api", "identity::api", "inbox::api", "job::api", "privacy::api", "signin::api",
                "system::api", "tenancy::api", "workspace::api" })
@NullMarked
package org.confidant.lifecycle;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
