/**
 * System: what the web server itself is and how it answers. TLS and trusted proxies
 * ({@link org.confidant.system.TransportSecurity}), the address people reach Confidant at
 * ({@link org.confidant.system.PublicUrl}), the security headers and the order of the
 * filter chains ({@link org.confidant.system.SecurityHeaders}; the widget and demo chains
 * are here, the API's and the dashboard's belong to {@code api} and {@code signin}), how
 * JSON is read (strictly: {@link org.confidant.system.StrictJson}), how refusals and
 * errors are answered: a problem body or an error page, never a stack trace, and what
 * makes the dashboard an installable app (its manifest and a service worker that keeps
 * static assets only).
 */
@ApplicationModule(displayName = "System", allowedDependencies = {})
@NullMarked
package org.confidant.system;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
