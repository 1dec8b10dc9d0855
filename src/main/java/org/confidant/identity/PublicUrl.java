package org.confidant.identity;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The address people reach Confidant at, for links it hands out of band (the setup link in the log, a password-reset
 * link by email): {@code confidant.public-url}, or else the server's own scheme, address and port. Never the
 * {@code Host} header of a request, which whoever sends the request chooses (a reset link built from it could point
 * at the sender's own site).
 */
@Component
public class PublicUrl {

    private final Environment environment;
    private final ApplicationContext context;

    PublicUrl(Environment environment, ApplicationContext context) {
        this.environment = environment;
        this.context = context;
    }

    /** Scheme, host and port, without a trailing slash; a path is appended as is ({@code base() + "/setup"}). */
    public String base() {
        String configured = environment.getProperty("confidant.public-url", "");
        if (!configured.isBlank()) {
            return configured.strip().replaceAll("/+$", "");
        }
        int port = context instanceof WebServerApplicationContext web && web.getWebServer() != null
                ? web.getWebServer().getPort() : environment.getProperty("server.port", Integer.class, 8080);
        String address = environment.getProperty("server.address", "127.0.0.1");
        String host = address.contains(":") ? "[" + address + "]" : address;
        String scheme = environment.getProperty("confidant.tls.enabled", Boolean.class, false) ? "https" : "http";
        return scheme + "://" + host + ":" + port;
    }
}
