/**
 * The REST API and its credentials. An <b>API token</b> belongs to one member of one workspace and acts for that
 * member with a chosen subset of the member's permissions: what a call may do is the member's current grants narrowed
 * to the token's scope, read afresh on every call, so a role change, an override or a removal applies to the very next
 * request. A token is shown once ({@code cfd_<id>_<secret>}); only a keyed hash of its secret is stored (HMAC-SHA256
 * under the workspace's blind-index key). Tokens expire (90 days by default, a year at most), can be revoked by their
 * owner or by an admin, and are revoked by themselves when their member is removed or changes their password. Each
 * token has a request budget ({@code confidant.rate-limits.api-calls-per-token}); over it, a 429 with {@code
 * Retry-After}.
 *
 * <p>The API's own filter chain is stateless: a bearer token in the {@code Authorization} header is the only way in
 * (never a cookie, so no CSRF; never a query parameter, so tokens stay out of logs and histories). Every refusal of
 * a token answers the same 401, whether it is unknown, tampered, expired, revoked or its member is gone.
 *
 * <p>Depends on {@code access} (grants, permissions), {@code identity} (members, password changes), {@code
 * conversation} (what the API serves), {@code crypto} (the keyed hash), {@code ratelimit} and {@code tenancy} (a
 * token's id tells its workspace: looked up in the system scope, then used in that workspace only).
 */
package org.confidant.api;
