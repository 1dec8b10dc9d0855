/**
 * System: the security filter chains (who may reach which URL, sessions, CSRF, security headers) and how errors are
 * answered (a problem body or an error page, never a stack trace). Later issues add TLS, trusted proxies and
 * operations here. Depends on {@code shared}.
 */
package org.confidant.system;
