package org.confidant.sso;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.crypto.EncryptedColumn;
import org.confidant.crypto.FieldEncryption;
import org.confidant.identity.Role;
import org.confidant.shared.Rejected;
import org.confidant.shared.Text;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sso module's public API: a workspace's OpenID Connect provider (set up, changed,
 * removed) and its "SSO required" policy, for members who manage the workspace's
 * security.
 */
@Service
public class SsoManagement {

    static final EncryptedColumn CLIENT_SECRET = new EncryptedColumn("sso_provider", "client_secret");

    private static final int MAX_ISSUER_LENGTH = 500;

    private static final int MAX_CLIENT_ID_LENGTH = 255;

    private static final int MAX_CLIENT_SECRET_LENGTH = 1000;

    private final SsoProviders providers;

    private final FieldEncryption encryption;

    private final SsoClientRegistrations registrations;

    private final ApplicationEventPublisher events;

    private final SsoSettings settings;

    private final SsoDiscovery discovery;

    private final Clock clock;

    private final TransactionTemplate transactions;

    SsoManagement(SsoProviders providers, FieldEncryption encryption, SsoClientRegistrations registrations,
            ApplicationEventPublisher events, SsoSettings settings, SsoDiscovery discovery, Clock clock,
            PlatformTransactionManager transactionManager) {
        this.discovery = discovery;
        this.transactions = new TransactionTemplate(transactionManager);
        this.providers = providers;
        this.encryption = encryption;
        this.registrations = registrations;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * What the provider form submits; a blank secret on a change keeps the stored one.
     */
    public record ProviderForm(String issuer, String clientId, String clientSecret, Role defaultRole) {
    }

    @Transactional(readOnly = true)
    public Optional<SsoProvider> provider(Grants me) {
        me.require(Permission.SECURITY_MANAGE);
        return providers.providerOf(me.workspaceId());
    }

    /**
     * Sets up or changes the workspace's provider. The issuer must answer its OpenID
     * discovery document (and name itself in it), and its key set must answer, before
     * anything is stored; every one of these requests, and the URLs the document names,
     * pass the SSRF guard ({@link SsoOutbound}): nothing connects to this machine or its
     * networks unless the operator allowlisted the provider.
     */
    public SsoProvider configure(Grants me, ProviderForm form) {
        me.require(Permission.SECURITY_MANAGE);
        Text.requireWellFormed(form.clientId(), "the client id");
        Text.requireWellFormed(form.clientSecret(), "the client secret");
        String issuer = checkedIssuer(form.issuer());
        String clientId = form.clientId() == null ? "" : form.clientId().strip();
        if (clientId.isEmpty() || clientId.length() > MAX_CLIENT_ID_LENGTH) {
            throw new Rejected("bad_client_id", "A client id has 1 to " + MAX_CLIENT_ID_LENGTH + " characters.");
        }
        String secret = form.clientSecret() == null ? "" : form.clientSecret().strip();
        if (secret.length() > MAX_CLIENT_SECRET_LENGTH) {
            throw new Rejected("bad_client_secret",
                    "A client secret has at most " + MAX_CLIENT_SECRET_LENGTH + " characters.");
        }
        if (form.defaultRole() == null || form.defaultRole() == Role.OWNER) {
            throw new Rejected("bad_default_role", "Members who join through single sign-on cannot be owners.");
        }
        if (!me.mayGive(form.defaultRole())) {
            throw new Rejected("bad_default_role", "You cannot give that role yourself.");
        }
        discover(me.workspaceId(), issuer); // slow, over the network: before any
                                            // transaction
        return transactions.execute(status -> store(me, issuer, clientId, secret, form.defaultRole()));
    }

    private SsoProvider store(Grants me, String issuer, String clientId, String secret, Role defaultRole) {
        Optional<SsoProvider> existing = providers.providerOf(me.workspaceId());
        if (existing.isEmpty() && secret.isEmpty()) {
            throw new Rejected("bad_client_secret", "Enter the client secret the provider gave you.");
        }
        UUID id = existing.map(SsoProvider::id).orElseGet(UUID::randomUUID);
        SsoProvider provider = new SsoProvider(id, me.workspaceId(), issuer, clientId, defaultRole,
                existing.map(SsoProvider::ssoRequired).orElse(false));
        byte[] sealed = secret.isEmpty() ? providers.clientSecret(id).orElseThrow()
                : encryption.encrypt(me.workspaceId(), CLIENT_SECRET, id, secret);
        if (existing.isPresent()) {
            providers.updateProvider(provider, sealed);
        }
        else {
            providers.insertProvider(provider, sealed, Timestamps.now(clock));
        }
        registrations.forget(id);
        events.publishEvent(new SsoConfigured(me.workspaceId(), me.memberId(), id, issuer));
        return provider;
    }

    /**
     * Removes the workspace's provider, and with it the "SSO required" policy; nothing
     * happens if it has none (a repeated removal). Existing accounts and their identities
     * stay.
     */
    @Transactional
    public void remove(Grants me) {
        me.require(Permission.SECURITY_MANAGE);
        providers.providerOf(me.workspaceId()).ifPresent(provider -> {
            providers.deleteProviders(me.workspaceId());
            registrations.forget(provider.id());
            events.publishEvent(new SsoRemoved(me.workspaceId(), me.memberId(), provider.id()));
        });
    }

    /**
     * Switches the "SSO required" policy; it needs a provider. Requiring it signs out
     * every member but the owners ({@link SsoRequiredSignOut}).
     */
    @Transactional
    public SsoProvider requireSso(Grants me, boolean required) {
        me.require(Permission.SECURITY_MANAGE);
        SsoProvider provider = providers.providerOf(me.workspaceId())
            .orElseThrow(() -> new Rejected("no_provider", "Set a single sign-on provider up first."));
        if (provider.ssoRequired() != required) {
            providers.updateRequired(me.workspaceId(), provider.id(), required);
            events.publishEvent(new SsoRequiredChanged(me.workspaceId(), me.memberId(), provider.id(), required));
        }
        return providers.providerOf(me.workspaceId()).orElseThrow();
    }

    /**
     * The provider whose sign-in a password may not replace for this member, if any
     * (owners are never bound).
     */
    @Transactional(readOnly = true)
    Optional<SsoProvider> requiredProvider(WorkspaceId workspaceId, Role role) {
        if (role == Role.OWNER) {
            return Optional.empty();
        }
        return providers.providerOf(workspaceId).filter(SsoProvider::ssoRequired);
    }

    private String checkedIssuer(String text) {
        String issuer = text == null ? "" : text.strip();
        URI uri;
        try {
            uri = new URI(issuer);
        }
        catch (URISyntaxException e) {
            throw badIssuer();
        }
        if (issuer.isEmpty() || issuer.length() > MAX_ISSUER_LENGTH || !uri.isAbsolute() || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw badIssuer();
        }
        boolean https = "https".equals(uri.getScheme());
        boolean loopbackHttp = "http".equals(uri.getScheme()) && settings.allowLoopbackHttpIssuers()
                && isLoopback(uri.getHost());
        if (!https && !loopbackHttp) {
            throw badIssuer();
        }
        return issuer;
    }

    private static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name: never resolved here
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        }
        catch (UnknownHostException e) {
            return false;
        }
    }

    private void discover(WorkspaceId workspaceId, String issuer) {
        discovery.forWorkspace(workspaceId, () -> {
            ClientRegistration discovered = discovery.discover(issuer)
                .registrationId("check")
                .clientId("check")
                .build();
            discovery.checkBeforeSaving(discovered);
            return discovered;
        });
    }

    private static Rejected badIssuer() {
        return new Rejected("bad_issuer",
                "An issuer is an https:// URL without query or fragment, up to " + MAX_ISSUER_LENGTH + " characters.");
    }

}
