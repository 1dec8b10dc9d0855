package org.confidant.system;

import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * With TLS on and {@code confidant.tls.redirect-port} set, a plain-HTTP port that serves
 * nothing: every request on it is redirected to HTTPS (Tomcat's CONFIDENTIAL transport
 * guarantee).
 */
@Component
@ConditionalOnProperty(name = { "confidant.tls.enabled", "confidant.tls.redirect-port" })
class HttpsRedirect implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final int redirectPort;

    private final int httpsPort;

    HttpsRedirect(@Value("${confidant.tls.redirect-port}") int redirectPort, @Value("${server.port}") int httpsPort) {
        this.redirectPort = redirectPort;
        this.httpsPort = httpsPort;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        Connector plain = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        plain.setScheme("http");
        plain.setPort(redirectPort);
        plain.setSecure(false);
        plain.setRedirectPort(httpsPort);
        factory.addAdditionalConnectors(plain);
        factory.addContextCustomizers(context -> {
            SecurityConstraint everything = new SecurityConstraint();
            everything.setUserConstraint("CONFIDENTIAL");
            SecurityCollection all = new SecurityCollection();
            all.addPattern("/*");
            everything.addCollection(all);
            context.addConstraint(everything);
        });
    }

}
