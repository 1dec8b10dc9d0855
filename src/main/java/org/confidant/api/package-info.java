/**
 * The REST API ({@code /api/v1}, see {@code docs/api.md}) and its credentials: API tokens
 * that act for one member with a chosen subset of the member's permissions, intersected
 * with the member's current grants on every call
 * ({@link org.confidant.api.ApiTokenManagement}), on a stateless filter chain of its own
 * where a bearer token in the {@code
 * Authorization} header is the only way in.
 */
@ApplicationModule(displayName = "REST API",
        allowedDependencies = { "access::api", "conversation::api", "crypto::api", "identity::api", "job::api",
                "lifecycle::api", "ratelimit::api", "search::api", "signin::api", "system::api", "tenancy::api",
                "workspace::api" })
@NullMarked
package org.confidant.api;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
