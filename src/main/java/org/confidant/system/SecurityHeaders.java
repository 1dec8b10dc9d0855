package org.confidant.system;

import org.springframework.modulith.NamedInterface;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The security headers and the order of the filter chains, in one place for the modules
 * that own a chain: the widget and demo chains ({@link SecurityConfiguration}), the API's
 * ({@code api}) and the dashboard's ({@code signin}). A request is served by the first
 * chain whose paths match it, in the order of the constants below.
 */
@NamedInterface("api")
public final class SecurityHeaders {

    /**
     * {@code /.well-known/**}: what the deployment publishes for anyone (the public half
     * of its signing key).
     */
    public static final int WELL_KNOWN_CHAIN = 0;

    /** {@code /demo/**}: the demo page that embeds a widget on Confidant's own origin. */
    public static final int DEMO_CHAIN = 1;

    /** {@code /widget/**} and the visitor socket. */
    public static final int WIDGET_CHAIN = 2;

    /** {@code /api/**}. */
    public static final int API_CHAIN = 3;

    /** Everything else. */
    public static final int DASHBOARD_CHAIN = 4;

    static final String DASHBOARD_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /**
     * The browser features the dashboard never uses, switched off for it and anything it
     * might embed.
     */
    static final String DASHBOARD_PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "serial=(), bluetooth=(), browsing-topics=()";

    static final String WIDGET_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** The API answers JSON only: nothing in it may load, run or be framed. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    static final String DEMO_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

    private SecurityHeaders() {
    }

    /**
     * The dashboard's headers: a strict Content-Security-Policy (no inline script, no
     * framing), no referrer beyond the origin, no browser features, and a browsing
     * context of its own.
     */
    public static Customizer<HeadersConfigurer<HttpSecurity>> dashboard() {
        return headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(DASHBOARD_CSP))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
            .permissionsPolicyHeader(permissions -> permissions.policy(DASHBOARD_PERMISSIONS))
            .crossOriginOpenerPolicy(opener -> opener.policy(CrossOriginOpenerPolicy.SAME_ORIGIN));
    }

    /**
     * The API's headers: JSON only, so a policy that lets nothing load, run or be framed,
     * and no referrer.
     */
    public static Customizer<HeadersConfigurer<HttpSecurity>> api() {
        return headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(API_CSP))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER));
    }

}
