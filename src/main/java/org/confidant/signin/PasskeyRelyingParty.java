package org.confidant.signin;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.confidant.system.PublicUrl;

import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who Confidant is to WebAuthn: its relying party id and the one origin whose signed
 * client data it accepts, and Spring Security's relying-party operations (webauthn4j
 * underneath) configured with them. WebAuthn refuses IP addresses as relying party ids,
 * so:
 * <ul>
 * <li>with {@code confidant.public-url} set, the id is that URL's host and the origin its
 * scheme, host and port; a public URL naming an IP address leaves passkeys unavailable;
 * <li>without it (local trial on loopback), the id is {@code localhost} and the origin
 * {@code http(s)://localhost:} the server's own port, known once the server listens.
 * </ul>
 * The origin is never taken from a request's {@code Host} header: a request's address
 * only decides whether the page offers passkeys there ({@link #availabilityFor}). Every
 * ceremony requires a discoverable credential and user verification, so that a passkey is
 * a whole multi-factor credential.
 */
@Component
public class PasskeyRelyingParty {

    private static final String NAME = "Confidant";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /**
     * Whether a page at some address can offer passkeys, and if not, why (in words for
     * the person).
     */
    public record Availability(boolean available, String reason) {

        static Availability yes() {
            return new Availability(true, "");
        }

        static Availability no(String reason) {
            return new Availability(false, reason);
        }
    }

    private record Party(String rpId, String origin) {
    }

    private final PublicUrl publicUrl;

    private final PasskeyCredentials credentials;

    private final PasskeyUsers users;

    private volatile WebAuthnRelyingPartyOperations operations;

    PasskeyRelyingParty(PublicUrl publicUrl, PasskeyCredentials credentials, PasskeyUsers users) {
        this.publicUrl = publicUrl;
        this.credentials = credentials;
        this.users = users;
    }

    /**
     * Why passkeys cannot be used on this server at all, if they cannot (the public URL
     * is an IP address).
     */
    Optional<String> unavailable() {
        Optional<String> configured = publicUrl.configured();
        if (configured.isEmpty()) {
            return publicUrl.port() > 0 ? Optional.empty()
                    : Optional.of("Passkeys become available once the server listens.");
        }
        String host = hostOf(configured.get());
        if (host == null) {
            return Optional.of("Passkeys are not available: confidant.public-url is not an absolute URL.");
        }
        return isIpAddress(host) ? Optional.of("Passkeys are not available on this server: its public address is an "
                + "IP address, and passkeys need a domain name (see docs/operations.md).") : Optional.empty();
    }

    /** Whether a page served at the request's address can offer passkeys. */
    public Availability availabilityFor(HttpServletRequest request) {
        Optional<String> unavailable = unavailable();
        if (unavailable.isPresent()) {
            return Availability.no(unavailable.get());
        }
        Party party = party();
        String host = request.getServerName() == null ? "" : request.getServerName().toLowerCase(Locale.ROOT);
        if (origin(request.getScheme(), host, request.getServerPort()).equals(party.origin())) {
            return Availability.yes();
        }
        if (isIpAddress(host)) {
            return Availability
                .no("Passkeys do not work at an IP address. Open Confidant at " + party.origin() + " to use them.");
        }
        return Availability.no("Passkeys work only at " + party.origin() + ".");
    }

    /** The relying party id (a domain name). */
    String rpId() {
        return party().rpId();
    }

    /**
     * Spring Security's relying-party operations for this server (made once the server
     * listens).
     */
    WebAuthnRelyingPartyOperations operations() {
        WebAuthnRelyingPartyOperations made = operations;
        if (made == null) {
            synchronized (this) {
                if (operations == null) {
                    operations = newOperations(party());
                }
                made = operations;
            }
        }
        return made;
    }

    private WebAuthnRelyingPartyOperations newOperations(Party party) {
        Webauthn4JRelyingPartyOperations made = new Webauthn4JRelyingPartyOperations(users, credentials,
                PublicKeyCredentialRpEntity.builder().id(party.rpId()).name(NAME).build(), Set.of(party.origin()));
        made.setCustomizeCreationOptions(
                options -> options.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                    .residentKey(ResidentKeyRequirement.REQUIRED)
                    .userVerification(UserVerificationRequirement.REQUIRED)
                    .build()));
        made.setCustomizeRequestOptions(options -> options.userVerification(UserVerificationRequirement.REQUIRED));
        return made;
    }

    private Party party() {
        Optional<String> unavailable = unavailable();
        if (unavailable.isPresent()) {
            throw new IllegalStateException(unavailable.get());
        }
        Optional<String> configured = publicUrl.configured();
        if (configured.isEmpty()) {
            return new Party("localhost", origin(publicUrl.scheme(), "localhost", publicUrl.port()));
        }
        URI uri = URI.create(configured.get());
        String host = hostOf(configured.get());
        return new Party(host, origin(uri.getScheme(), host, uri.getPort()));
    }

    /**
     * {@code scheme://host[:port]}, the port left out when it is the scheme's default, as
     * browsers write origins.
     */
    private static String origin(String scheme, String host, int port) {
        String lowerScheme = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || (lowerScheme.equals("http") && port == 80)
                || (lowerScheme.equals("https") && port == 443);
        return lowerScheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    private static String hostOf(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() == null || uri.getScheme() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        }
        catch (IllegalArgumentException notAUrl) {
            return null;
        }
    }

    private static boolean isIpAddress(String host) {
        return host.startsWith("[") || host.contains(":") || IPV4.matcher(host).matches();
    }

}
