package org.confidant.api;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.confidant.access.AccessChanged;
import org.confidant.access.AccessManagement;
import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.crypto.BlindIndex;
import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.identity.PasswordChanged;
import org.confidant.shared.ApiTokenId;
import org.confidant.shared.AuditActor;
import org.confidant.shared.Forbidden;
import org.confidant.shared.MemberId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.Text;
import org.confidant.shared.Timestamps;
import org.confidant.shared.Tokens;
import org.confidant.shared.WorkspaceId;
import org.confidant.signin.SecondFactorChanged;
import org.confidant.tenancy.CrossWorkspace;
import org.confidant.tenancy.Tenancy;
import org.confidant.workspace.WorkspaceCancelled;
import org.confidant.workspace.WorkspaceDeleted;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The api module's public API: creating, listing, revoking and presenting API tokens.
 *
 * <p>
 * An <b>API token</b> belongs to one member of one workspace and acts for that member
 * with a chosen subset of the member's permissions: what a call may do is the member's
 * current grants narrowed to the token's scope, read afresh on every call, so a role
 * change, an override or a removal applies to the very next request. A token is shown
 * once ({@code cfd_<id>_<secret>}); only a keyed hash of its secret is stored
 * (HMAC-SHA256 under the workspace's blind-index key). Tokens expire (90 days by default,
 * a year at most), can be revoked by their owner or by an admin, and are revoked by
 * themselves when their member is removed or changes their password. Each token has a
 * request budget ({@code
 * confidant.rate-limits.api-calls-per-token}); over it, a 429 with {@code Retry-After}.
 */
@Service
public class ApiTokenManagement {

    /** What every token starts with, so that secret scanners and people recognise one. */
    static final String PREFIX = "cfd_";

    private static final Pattern TOKEN = Pattern.compile("cfd_([0-9a-f]{32})_([A-Za-z0-9_-]{43})");

    private static final String HASH_PURPOSE = "api_token.secret";

    private static final int MAX_NAME_LENGTH = 80;

    private final ApiTokens tokens;

    private final AccessManagement access;

    private final AccountManagement accounts;

    private final BlindIndex keyedHash;

    private final ApiSettings settings;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    ApiTokenManagement(ApiTokens tokens, AccessManagement access, AccountManagement accounts, BlindIndex keyedHash,
            ApiSettings settings, ApplicationEventPublisher events, Clock clock) {
        this.tokens = tokens;
        this.access = access;
        this.accounts = accounts;
        this.keyedHash = keyedHash;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** A new token and the one and only copy of its text. */
    public record NewToken(ApiToken token, String text) {
    }

    /**
     * Creates a token acting for the creator with some of the creator's own permissions.
     * @param permissionKeys permission keys from the catalogue, each one the creator
     * holds
     * @param lifetimeDays null for the default lifetime
     */
    @Transactional
    public NewToken create(Grants creator, String name, Set<String> permissionKeys, @Nullable Integer lifetimeDays) {
        creator.require(Permission.API_TOKENS_CREATE);
        Text.requireWellFormed(name, "the token's name");
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH
                || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new Rejected("bad_token_name",
                    "A token's name has 1 to " + MAX_NAME_LENGTH + " characters, none of them control characters.");
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String key : permissionKeys == null ? Set.<String>of() : permissionKeys) {
            permissions.add(Permission.byKey(key)
                .orElseThrow(() -> new Rejected("unknown_permission",
                        "There is no permission called " + abbreviate(key) + ".")));
        }
        if (permissions.isEmpty()) {
            throw new Rejected("no_permissions", "Choose at least one permission for the token.");
        }
        if (!creator.permissions().containsAll(permissions)) {
            throw new Forbidden("A token can only hold permissions you hold yourself.");
        }
        Duration lifetime = lifetimeDays == null ? settings.tokenLifetime() : Duration.ofDays(lifetimeDays);
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(settings.maxTokenLifetime()) > 0) {
            throw new Rejected("bad_token_lifetime",
                    "A token lasts from 1 to " + settings.maxTokenLifetime().toDays() + " days.");
        }
        Member member = accounts.findMember(creator.workspaceId(), creator.memberId())
            .orElseThrow(() -> new NotFound("member"));
        Instant now = Timestamps.now(clock);
        ApiToken token = new ApiToken(ApiTokenId.random(), creator.workspaceId(), creator.memberId(), trimmed,
                permissions, now, now.plus(lifetime), null, null);
        String secret = Tokens.newToken();
        tokens.insert(token, keyedHash.of(token.workspaceId(), HASH_PURPOSE, secret));
        events.publishEvent(new ApiTokenCreated(token, member.email()));
        return new NewToken(token, PREFIX + HexFormat.of().formatHex(uuidBytes(token.id().value())) + "_" + secret);
    }

    /**
     * The member's own tokens, newest first (whether or not they may still create new
     * ones).
     */
    @Transactional(readOnly = true)
    public List<ApiToken> mine(Grants viewer) {
        return tokens.ofMember(viewer.workspaceId(), viewer.memberId());
    }

    /** Every token of the workspace, for those who manage its security. */
    @Transactional(readOnly = true)
    public List<ApiToken> all(Grants viewer) {
        viewer.require(Permission.SECURITY_MANAGE);
        return tokens.ofWorkspace(viewer.workspaceId());
    }

    /**
     * Revokes a token: one's own, or anyone's for those who manage the workspace's
     * security. Another member's token is as absent to everyone else as a token of
     * another workspace.
     */
    @Transactional
    public void revoke(Grants actor, ApiTokenId id) {
        ApiToken token = tokens.find(actor.workspaceId(), id)
            .filter(t -> t.memberId().equals(actor.memberId()) || actor.has(Permission.SECURITY_MANAGE))
            .orElseThrow(() -> new NotFound("api token"));
        if (tokens.revoke(actor.workspaceId(), token.id(), Timestamps.now(clock))) {
            String email = accounts.findMember(actor.workspaceId(), actor.memberId()).map(Member::email).orElse("");
            events.publishEvent(new ApiTokenRevoked(actor.workspaceId(), token.id(),
                    AuditActor.member(actor.memberId(), email), "revoked"));
        }
    }

    /**
     * The caller a presented token stands for, with the member's current grants narrowed
     * to the token's scope; empty for anything that does not open the API (malformed,
     * unknown, wrong secret, expired, revoked, member gone), all alike. Counts the call.
     */
    @Transactional
    public Optional<ApiCaller> authenticate(String presented) {
        Matcher parts = presented == null ? null : TOKEN.matcher(presented);
        if (parts == null || !parts.matches()) {
            return Optional.empty();
        }
        ApiTokenId id = new ApiTokenId(uuid(HexFormat.of().parseHex(parts.group(1))));
        Optional<ApiTokens.Presented> row = Tenancy.system("an API token's id tells its workspace",
                () -> tokens.lockForUse(id));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        return Tenancy.run(row.get().token().workspaceId(), () -> open(row.get(), parts.group(2)));
    }

    private Optional<ApiCaller> open(ApiTokens.Presented row, String secret) {
        ApiToken token = row.token();
        byte[] hash = keyedHash.of(token.workspaceId(), HASH_PURPOSE, secret);
        Instant now = Timestamps.now(clock);
        if (!MessageDigest.isEqual(hash, row.secretHash()) || !token.isActive(now)) {
            return Optional.empty();
        }
        Optional<Grants> grants = access.grants(token.workspaceId(), token.memberId());
        if (grants.isEmpty()) {
            return Optional.empty();
        }
        countUse(row, now);
        return Optional.of(new ApiCaller(token.id(), token.name(), grants.get().narrowedTo(token.permissions())));
    }

    private void countUse(ApiTokens.Presented row, Instant now) {
        ApiToken token = row.token();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        boolean sameDay = today.equals(row.useDay());
        tokens.recordUse(token.id(), now, today, sameDay ? row.usesThatDay() + 1 : 1);
        if (token.lastUsedAt() == null) {
            events.publishEvent(new ApiTokenUsed(token.workspaceId(), token.id(), token.name(), true, today, 1));
        }
        else if (!sameDay && row.useDay() != null) {
            events.publishEvent(new ApiTokenUsed(token.workspaceId(), token.id(), token.name(), false, row.useDay(),
                    row.usesThatDay()));
        }
    }

    /**
     * A member removed from the workspace, or deactivated, leaves no working token
     * behind.
     */
    @EventListener
    void on(AccessChanged changed) {
        if (changed.accessEnded()) {
            revokeAll(changed.workspaceId(), changed.memberId(), switch (changed.ended()) {
                case REMOVED -> "member_removed";
                case DEACTIVATED -> "member_deactivated";
            });
        }
    }

    /** A new password ends the credentials made under the old one. */
    @EventListener
    void on(PasswordChanged changed) {
        revokeAll(changed.workspaceId(), changed.memberId(), "password_changed");
    }

    /**
     * A new or removed second factor (or new recovery codes) ends the tokens of every
     * membership of the account. The change is published in the workspace its session
     * acted in; the account's other workspaces are reached from the system scope.
     */
    @EventListener
    @CrossWorkspace("a second factor serves every workspace of its account")
    void on(SecondFactorChanged changed) {
        accounts.findMember(changed.workspaceId(), changed.memberId())
            .ifPresent(member -> accounts.workspacesOf(member.accountId())
                .forEach(workspace -> accounts.membershipOf(member.accountId(), workspace.id())
                    .ifPresent(membership -> revokeAll(membership.workspaceId(), membership.memberId(),
                            "second_factor_changed"))));
    }

    /**
     * A cancelled workspace leaves no working token behind (restoring it brings none
     * back).
     */
    @EventListener
    void on(WorkspaceCancelled cancelled) {
        for (ApiTokenId id : tokens.revokeAllOfWorkspace(cancelled.workspaceId(), Timestamps.now(clock))) {
            events.publishEvent(
                    new ApiTokenRevoked(cancelled.workspaceId(), id, AuditActor.system(), "workspace_cancelled"));
        }
    }

    @EventListener
    @Order(45)
    void on(WorkspaceDeleted deleted) {
        tokens.deleteWorkspace(deleted.workspaceId());
    }

    private void revokeAll(WorkspaceId workspaceId, MemberId memberId, String reason) {
        for (ApiTokenId id : tokens.revokeAllOf(workspaceId, memberId, Timestamps.now(clock))) {
            events.publishEvent(new ApiTokenRevoked(workspaceId, id, AuditActor.system(), reason));
        }
    }

    private static String abbreviate(String text) {
        String shown = text == null ? ""
                : text.codePoints()
                    .filter(c -> !Character.isISOControl(c))
                    .limit(40)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    .toString();
        return "\"" + shown + "\"";
    }

    private static byte[] uuidBytes(UUID id) {
        return ByteBuffer.allocate(16)
            .putLong(id.getMostSignificantBits())
            .putLong(id.getLeastSignificantBits())
            .array();
    }

    private static UUID uuid(byte[] bytes) {
        java.nio.ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

}
