package org.confidant.system;

import java.util.Optional;

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

/**
 * The address people reach Confidant at, for links it hands out of band (the setup link
 * in the log, a password-reset link by email) and for the passkeys' relying party:
 * {@code confidant.public-url}, or else the server's own scheme, address and port. Never
 * the {@code Host} header of a request, which whoever sends the request chooses (a reset
 * link built from it could point at the sender's own site).
 */
@NamedInterface("api")
@Component
public class PublicUrl {

    private final Environment environment;

    private final ApplicationContext context;

    PublicUrl(Environment environment, ApplicationContext context) {
        this.environment = environment;
        this.context = context;
    }

    /**
     * Scheme, host and port, without a trailing slash; a path is appended as is
     * ({@code base() + "/setup"}).
     */
    public String base() {
        Optional<String> configured = configured();
        if (configured.isPresent()) {
            return configured.get();
        }
        String address = environment.getProperty("server.address", "127.0.0.1");
        String host = address.contains(":") ? "[" + address + "]" : address;
        int port = port();
        return scheme() + "://" + host + ":" + (port > 0 ? port : environment.getProperty("server.port", "8080"));
    }

    /**
     * {@code confidant.public-url} as the operator wrote it (without trailing slashes),
     * if set.
     */
    public Optional<String> configured() {
        String configured = environment.getProperty("confidant.public-url", "").strip();
        return configured.isEmpty() ? Optional.empty() : Optional.of(configured.replaceAll("/+$", ""));
    }

    /** {@code https} when Confidant serves TLS itself, else {@code http}. */
    public String scheme() {
        return environment.getProperty("confidant.tls.enabled", Boolean.class, false) ? "https" : "http";
    }

    /**
     * The port the server listens on; -1 until it does (or outside a web application).
     */
    public int port() {
        WebServer server = context instanceof WebServerApplicationContext web ? web.getWebServer() : null;
        return server == null ? -1 : server.getPort();
    }

}
