package org.confidant.identity;

import java.util.Optional;

import org.springframework.modulith.NamedInterface;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Signs in, on the request's session, a person who has just proved who they are with
 * their password by setting the deployment up or accepting an invitation, so that they
 * need not type it again at once. The sign-in module implements it as a password sign-in
 * (a new session id, the steps it owes, its record and audit).
 */
@NamedInterface("api")
public interface JoinedSignIn {

    /**
     * Where the browser goes next (the dashboard, or the step the sign-in owes: a second
     * factor, an enrolment); empty when this membership may not be entered with a
     * password (single sign-on), and nothing was signed in.
     */
    Optional<String> signIn(HttpServletRequest request, HttpServletResponse response, MemberPrincipal member);

}
