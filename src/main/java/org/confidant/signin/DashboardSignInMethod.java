package org.confidant.signin;

import java.util.List;

import org.springframework.modulith.NamedInterface;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Another way of signing in to the dashboard, beside the password and passkeys that this
 * module owns: the {@code sso} module's OpenID Connect login. The dashboard's filter
 * chain lets anyone reach its {@link #publicPaths()} and then hands it the chain to add
 * itself. Its sign-ins must make the same {@link org.confidant.identity.MemberPrincipal}
 * with the {@link SignInSteps#SIGNED_IN} authority that a password sign-in makes.
 */
@NamedInterface("api")
public interface DashboardSignInMethod {

    /** The paths of the sign-in that anyone may reach (its redirects and callbacks). */
    List<String> publicPaths();

    /** Adds the way of signing in to the dashboard's chain. */
    void addTo(HttpSecurity dashboard) throws Exception;

}
