package org.confidant.sso;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Single sign-on settings.
 *
 * @param allowLoopbackHttpIssuers accept {@code http://} issuer URLs on a loopback address (127.0.0.0/8, ::1,
 *                                 localhost): for a local trial and the tests; everywhere else an issuer is
 *                                 {@code https://}
 * @param signInTimeout            how long a started sign-in waits for the provider's answer
 */
@ConfigurationProperties("confidant.sso")
public record SsoSettings(@DefaultValue("false") boolean allowLoopbackHttpIssuers,
        @DefaultValue("10m") Duration signInTimeout) {
}
