package org.confidant.signin;

import java.time.Duration;

import org.confidant.shared.MemberId;
import org.confidant.shared.Rejected;
import org.confidant.shared.WorkspaceId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each workspace's security policies ("2FA required", session idle timeout and absolute
 * lifetime). A workspace that never changed them has the defaults: 2FA not required, and
 * {@link SessionSettings}' limits. The caller has checked that the actor may change them
 * ({@code security.manage}); every change is published for the audit log.
 */
@NamedInterface("api")
@Service
public class SecurityPolicies {

    private final JdbcClient jdbc;

    private final SessionSettings settings;

    private final ApplicationEventPublisher events;

    SecurityPolicies(JdbcClient jdbc, SessionSettings settings, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public SecurityPolicy of(WorkspaceId workspaceId) {
        return jdbc.sql("""
                select two_factor_required, idle_timeout_seconds, absolute_lifetime_seconds
                  from workspace_security where workspace_id = ?
                """)
            .param(workspaceId.value())
            .query((rs, n) -> new SecurityPolicy(rs.getBoolean("two_factor_required"),
                    Duration.ofSeconds(rs.getInt("idle_timeout_seconds")),
                    Duration.ofSeconds(rs.getInt("absolute_lifetime_seconds"))))
            .optional()
            .orElseGet(() -> new SecurityPolicy(false, settings.idleTimeout(), settings.absoluteLifetime()));
    }

    /** Sets the workspace's policies; publishes one event per policy that changed. */
    @Transactional
    public SecurityPolicy change(WorkspaceId workspaceId, MemberId actor, String actorLabel, SecurityPolicy next) {
        validate(next);
        SecurityPolicy before = of(workspaceId);
        int updated = jdbc.sql("""
                update workspace_security set two_factor_required = ?, idle_timeout_seconds = ?,
                       absolute_lifetime_seconds = ?
                 where workspace_id = ?
                """)
            .params(next.twoFactorRequired(), (int) next.idleTimeout().toSeconds(),
                    (int) next.absoluteLifetime().toSeconds(), workspaceId.value())
            .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into workspace_security
                           (workspace_id, two_factor_required, idle_timeout_seconds, absolute_lifetime_seconds)
                    values (?, ?, ?, ?)
                    """)
                .params(workspaceId.value(), next.twoFactorRequired(), (int) next.idleTimeout().toSeconds(),
                        (int) next.absoluteLifetime().toSeconds())
                .update();
        }
        if (before.twoFactorRequired() != next.twoFactorRequired()) {
            events.publishEvent(
                    new TwoFactorRequirementChanged(workspaceId, actor, actorLabel, next.twoFactorRequired()));
        }
        if (!before.idleTimeout().equals(next.idleTimeout())
                || !before.absoluteLifetime().equals(next.absoluteLifetime())) {
            events.publishEvent(new SessionLimitsChanged(workspaceId, actor, actorLabel, next.idleTimeout(),
                    next.absoluteLifetime()));
        }
        return next;
    }

    private static void validate(SecurityPolicy policy) {
        if (policy.idleTimeout().compareTo(SecurityPolicy.MIN_IDLE) < 0
                || policy.idleTimeout().compareTo(SecurityPolicy.MAX_IDLE) > 0) {
            throw new Rejected("bad_idle_timeout", "The idle timeout is 5 minutes to 24 hours.");
        }
        if (policy.absoluteLifetime().compareTo(SecurityPolicy.MIN_LIFETIME) < 0
                || policy.absoluteLifetime().compareTo(SecurityPolicy.MAX_LIFETIME) > 0) {
            throw new Rejected("bad_lifetime", "The session lifetime is 1 hour to 30 days.");
        }
        if (policy.idleTimeout().compareTo(policy.absoluteLifetime()) > 0) {
            throw new Rejected("bad_idle_timeout", "The idle timeout cannot be longer than the session lifetime.");
        }
    }

}
