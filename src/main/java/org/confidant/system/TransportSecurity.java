package org.confidant.system;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides, before anything starts, how Confidant may be reached:
 * <ul>
 * <li><b>TLS</b> ({@code confidant.tls.enabled=true}): HTTPS with TLS 1.3 and 1.2 only
 * and forward-secret AEAD suites only, from the PEM files
 * {@code confidant.tls.certificate} and {@code confidant.tls.private-key} (reloaded when
 * they change) or, when none are given, from a self-signed pair made once in the data
 * folder. HSTS comes from the security filter chains; {@code confidant.tls.redirect-port}
 * adds a plain port that only redirects.</li>
 * <li><b>Behind a TLS-terminating proxy</b> ({@code confidant.trusted-proxies}):
 * forwarded headers are honoured, but only from those addresses.</li>
 * <li><b>Local trial</b>: plain HTTP on a loopback address.</li>
 * </ul>
 * Anything else, plain HTTP beyond loopback with no trusted proxy named, refuses to start
 * and says what to set.
 */
class TransportSecurity implements EnvironmentPostProcessor {

    /** The session cookie's name; over HTTPS it carries the {@code __Host-} prefix. */
    static final String SESSION_COOKIE = "confidant_session";

    /**
     * TLS 1.2 suites: ECDHE key exchange (forward secrecy) with AEAD ciphers only. TLS
     * 1.3 suites are all AEAD.
     */
    static final List<String> TLS12_SUITES = List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    static final List<String> TLS13_SUITES = List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256");

    private final Log log;

    TransportSecurity(DeferredLogFactory logs) {
        this.log = logs.getLog(TransportSecurity.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("confidant.keys-command")
                || environment.containsProperty("confidant.audit-command")) {
            return; // a key or audit command serves nothing
        }
        Map<String, Object> derived = new LinkedHashMap<>();
        boolean tls = environment.getProperty("confidant.tls.enabled", Boolean.class, false);
        List<String> proxies = list(environment.getProperty("confidant.trusted-proxies", ""));
        String address = environment.getProperty("server.address", "");
        if (tls) {
            tls(environment, derived);
        }
        else if (!isLoopback(address) && proxies.isEmpty()) {
            throw new IllegalStateException("Confidant refuses to serve plain HTTP on "
                    + (address.isBlank() ? "every interface" : address) + ", beyond loopback. Either turn TLS on "
                    + "(confidant.tls.enabled=true, with confidant.tls.certificate and confidant.tls.private-key, or "
                    + "a generated self-signed certificate), or name the TLS-terminating proxy in front of it "
                    + "(confidant.trusted-proxies=<its addresses>), or listen on 127.0.0.1 for a local trial.");
        }
        // Over HTTPS (served, or behind the proxy) the session cookie is Secure and
        // __Host- prefixed: the browser then
        // refuses it from plain HTTP and from any other host or path. Plain HTTP on
        // loopback cannot carry that prefix.
        boolean https = tls || !proxies.isEmpty();
        derived.put("server.servlet.session.cookie.name", (https ? "__Host-" : "") + SESSION_COOKIE);
        derived.put("server.servlet.session.cookie.secure", https);
        if (!proxies.isEmpty()) {
            derived.put("server.forward-headers-strategy", "native");
            derived.put("server.tomcat.remoteip.internal-proxies",
                    proxies.stream().map(TransportSecurity::exactAddress).collect(Collectors.joining("|")));
            derived.put("server.tomcat.remoteip.trusted-proxies", "");
            derived.put("server.tomcat.remoteip.remote-ip-header", "X-Forwarded-For");
            derived.put("server.tomcat.remoteip.protocol-header", "X-Forwarded-Proto");
        }
        environment.getPropertySources().addLast(new MapPropertySource("confidant-transport-security", derived));
    }

    private void tls(ConfigurableEnvironment environment, Map<String, Object> derived) {
        String certificate = environment.getProperty("confidant.tls.certificate", "");
        String privateKey = environment.getProperty("confidant.tls.private-key", "");
        if (certificate.isBlank() != privateKey.isBlank()) {
            throw new IllegalStateException("Set both confidant.tls.certificate and confidant.tls.private-key (PEM "
                    + "files), or neither to use a generated self-signed certificate.");
        }
        if (certificate.isBlank()) {
            Path folder = Path.of(environment.getRequiredProperty("confidant.data-dir"), "tls").toAbsolutePath();
            if (SelfSignedCertificate.ensure(folder, list(environment.getProperty("confidant.tls.host-names", "")))) {
                log.warn("Generated a self-signed TLS certificate in " + folder + ". Browsers will warn about it. "
                        + "To use a real certificate, set confidant.tls.certificate and confidant.tls.private-key to "
                        + "your PEM files; they are reloaded whenever they change.");
            }
            certificate = folder.resolve(SelfSignedCertificate.CERTIFICATE_FILE).toString();
            privateKey = folder.resolve(SelfSignedCertificate.PRIVATE_KEY_FILE).toString();
        }
        derived.put("spring.ssl.bundle.pem.confidant.keystore.certificate", "file:" + certificate);
        derived.put("spring.ssl.bundle.pem.confidant.keystore.private-key", "file:" + privateKey);
        derived.put("spring.ssl.bundle.pem.confidant.reload-on-update", "true");
        derived.put("spring.ssl.bundle.pem.confidant.options.enabled-protocols", "TLSv1.3,TLSv1.2");
        derived.put("spring.ssl.bundle.pem.confidant.options.ciphers",
                String.join(",", TLS13_SUITES) + "," + String.join(",", TLS12_SUITES));
        derived.put("server.ssl.bundle", "confidant");
    }

    private static boolean isLoopback(String address) {
        if (address.isBlank()) {
            return false;
        }
        try {
            return Arrays.stream(InetAddress.getAllByName(address)).allMatch(InetAddress::isLoopbackAddress);
        }
        catch (UnknownHostException e) {
            return false;
        }
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String exactAddress(String address) {
        if (!address.matches("[0-9A-Fa-f.:]+")) {
            throw new IllegalStateException("confidant.trusted-proxies takes IP addresses, not " + address);
        }
        return Pattern.quote(address);
    }

}
