package org.confidant.identity.web;

import org.springframework.http.HttpStatus;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The page behind a used, expired or made-up single-use link, and behind an invitation
 * that was revoked.
 */
final class LinkPages {

    private LinkPages() {
    }

    static String invalid(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "identity/link-invalid";
    }

    static String revoked(HttpServletResponse response) {
        response.setStatus(HttpStatus.GONE.value());
        return "identity/link-revoked";
    }

}
