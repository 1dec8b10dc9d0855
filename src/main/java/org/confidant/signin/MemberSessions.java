package org.confidant.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.confidant.shared.AccountId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.confidant.workspace.IpMode;
import org.confidant.workspace.WorkspaceCancelled;
import org.confidant.workspace.WorkspaceManagement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.NamedInterface;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.security.web.session.HttpSessionIdChangedEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.confidant.identity.MemberPrincipal;
import org.confidant.identity.PasswordChanged;

/**
 * The signed-in sessions of the dashboard: who holds each, since when, from where and
 * with which browser. A member sees theirs and can end the others; an admin can end all
 * of a member's (through the access module); every session ends at the latest its
 * workspace's absolute lifetime after its sign-in, however active, and after its
 * workspace's idle timeout without a request (see {@link SecurityPolicies};
 * {@link SessionSettings} has the defaults). Every end, whatever its cause, publishes
 * {@link SessionEnded}; the servlet container closes the sockets opened under the session
 * (close code 1008).
 *
 * <p>
 * Sessions are this node's servlet sessions (the several-node issue moves them to a
 * shared store).
 */
@NamedInterface("api")
@Component
public class MemberSessions {

    /** How a session appears on the sessions page (times in UTC). */
    public record SignedInSession(String id, OffsetDateTime signedInAt, OffsetDateTime lastSeenAt, String address,
            String browser, boolean current) {
    }

    private record Entry(WorkspaceId workspaceId, MemberId memberId, AccountId accountId, Instant signedInAt,
            String address, String browser, HttpSession session) {
    }

    /** Why a session this class is ending ends, and who ended it (null: the system). */
    private record Ending(SessionEnded.Cause cause, MemberId by) {
    }

    private static final int BROWSER_MAX_LENGTH = 200;

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

    private final Map<String, Ending> endings = new ConcurrentHashMap<>();

    private final Clock clock;

    private final ApplicationEventPublisher events;

    private final SecurityPolicies policies;

    private final ScheduledExecutorService sweeper;

    private final WorkspaceManagement workspaces;

    MemberSessions(Clock clock, ApplicationEventPublisher events, SessionSettings settings, SecurityPolicies policies,
            WorkspaceManagement workspaces) {
        this.clock = clock;
        this.workspaces = workspaces;
        this.events = events;
        this.policies = policies;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("session-sweeper").factory());
        long every = settings.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::endExpired, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
    }

    /**
     * Records the session a sign-in has just made (after its id was renewed against
     * fixation).
     */
    @EventListener
    void on(InteractiveAuthenticationSuccessEvent signedIn) {
        if (!(signedIn.getAuthentication().getPrincipal() instanceof MemberPrincipal member)
                || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        HttpServletRequest request = attributes.getRequest();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.setMaxInactiveInterval(idleSeconds(member.workspaceId()));
            String browser = request.getHeader("User-Agent");
            // only what the workspace's IP mode keeps, even in memory
            sessions.put(session.getId(),
                    new Entry(member.workspaceId(), member.memberId(), member.accountId(), clock.instant(),
                            workspaces.keptAddress(member.workspaceId(), request.getRemoteAddr()),
                            browser == null ? "" : truncate(browser), session));
        }
    }

    /** Follows a session whose id was renewed (signing in, switching workspace). */
    @EventListener
    void on(HttpSessionIdChangedEvent changed) {
        Entry entry = sessions.remove(changed.getOldSessionId());
        if (entry != null) {
            sessions.put(changed.getNewSessionId(), entry);
        }
    }

    /**
     * The session now acts as another membership of the same account (the workspace
     * switcher).
     */
    public void switched(String sessionId, MemberPrincipal now) {
        Entry entry = sessions.computeIfPresent(sessionId, (id, before) -> new Entry(now.workspaceId(), now.memberId(),
                before.accountId(), before.signedInAt(), before.address(), before.browser(), before.session()));
        if (entry != null) {
            applyIdleTimeout(entry.session(), idleSeconds(now.workspaceId()));
        }
    }

    /**
     * A password set through a reset link ends every session of the account:
     * {@link PasswordChanged} comes once for each of its memberships, and each session
     * acts as one of them. (A member who changes their password while signed in keeps the
     * session they changed it from; the password page ends the others.)
     */
    @EventListener
    void on(PasswordChanged changed) {
        if (changed.byResetLink()) {
            endWhere(entry -> entry.workspaceId().equals(changed.workspaceId())
                    && entry.memberId().equals(changed.memberId()), null, null);
        }
    }

    /**
     * A cancelled workspace's sessions all end at once, the cancelling owner's too (they
     * may sign in again to undo it).
     */
    @EventListener
    void on(WorkspaceCancelled cancelled) {
        endWhere(entry -> entry.workspaceId().equals(cancelled.workspaceId()), null, cancelled.by());
    }

    /**
     * A workspace's new limits apply to its open sessions at once (the lifetime at the
     * next sweep).
     */
    @EventListener
    void on(SessionLimitsChanged changed) {
        int idle = (int) changed.idleTimeout().toSeconds();
        sessions.values()
            .stream()
            .filter(entry -> entry.workspaceId().equals(changed.workspaceId()))
            .forEach(entry -> applyIdleTimeout(entry.session(), idle));
    }

    private int idleSeconds(WorkspaceId workspaceId) {
        return (int) policies.of(workspaceId).idleTimeout().toSeconds();
    }

    private static void applyIdleTimeout(HttpSession session, int seconds) {
        try {
            session.setMaxInactiveInterval(seconds);
        }
        catch (IllegalStateException alreadyInvalid) {
            // it ended meanwhile: nothing to apply
        }
    }

    @EventListener
    void on(HttpSessionDestroyedEvent destroyed) {
        Entry entry = sessions.remove(destroyed.getId());
        Ending ending = endings.remove(destroyed.getId());
        if (entry != null) {
            Ending why = ending != null ? ending : endingOfItsOwnRequest(destroyed.getId(), entry);
            events.publishEvent(
                    new SessionEnded(entry.workspaceId(), entry.memberId(), destroyed.getId(), why.cause(), why.by()));
        }
    }

    /**
     * A session that ends without this class ending it: signed out by its own request to
     * {@code /logout}, ended by its own request when the membership is gone, or else
     * timed out by the container after being idle.
     */
    private static Ending endingOfItsOwnRequest(String sessionId, Entry entry) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && sessionId.equals(attributes.getRequest().getRequestedSessionId())) {
            return "/logout".equals(attributes.getRequest().getServletPath())
                    ? new Ending(SessionEnded.Cause.SIGNED_OUT, entry.memberId())
                    : new Ending(SessionEnded.Cause.MEMBERSHIP_ENDED, null);
        }
        return new Ending(SessionEnded.Cause.IDLE, null);
    }

    /**
     * Whether the session is a signed-in session that has not ended. A socket opened
     * under a session that ended while it was being opened (after the container looked
     * for the session's sockets to close) asks this once registered.
     */
    public boolean isLive(String sessionId) {
        Entry entry = sessionId == null ? null : sessions.get(sessionId);
        if (entry == null) {
            return false;
        }
        try {
            entry.session().getLastAccessedTime();
            return true;
        }
        catch (IllegalStateException invalidated) {
            return false;
        }
    }

    /**
     * The member's sessions, newest first; {@code currentId} marks the one asking. The
     * address is what the workspace's IP mode keeps: kept at sign-in by the mode of then,
     * shown by the mode of now, whichever keeps less.
     */
    public List<SignedInSession> sessionsOf(WorkspaceId workspaceId, MemberId memberId, String currentId) {
        IpMode mode = workspaces.ipMode(workspaceId);
        return sessions.entrySet()
            .stream()
            .filter(e -> e.getValue().workspaceId().equals(workspaceId) && e.getValue().memberId().equals(memberId))
            .map(e -> new SignedInSession(e.getKey(), e.getValue().signedInAt().atOffset(ZoneOffset.UTC),
                    lastSeen(e.getValue()).atOffset(ZoneOffset.UTC), shown(mode, e.getValue().address()),
                    e.getValue().browser(), e.getKey().equals(currentId)))
            .sorted(Comparator.comparing(SignedInSession::signedInAt).reversed())
            .toList();
    }

    /**
     * An address kept at sign-in as the mode now keeps it: a whole address the mode
     * truncates is truncated, a network stays a network, and nothing shows under
     * {@link IpMode#NONE}.
     */
    private static String shown(IpMode mode, String kept) {
        if (kept == null || mode == IpMode.NONE) {
            return null;
        }
        String again = mode.keep(kept);
        return again != null ? again : kept;
    }

    /** Ends every session of the member but {@code keepId}; returns how many ended. */
    public int endOthers(WorkspaceId workspaceId, MemberId memberId, String keepId) {
        return endWhere(entry -> entry.workspaceId().equals(workspaceId) && entry.memberId().equals(memberId), keepId,
                memberId);
    }

    /**
     * Ends every session of the account, in all its workspaces, but {@code keepId} (after
     * a password change).
     */
    public int endOthersOfAccount(AccountId accountId, String keepId) {
        return endWhere(entry -> entry.accountId().equals(accountId), keepId, null);
    }

    /**
     * Ends the sessions concerned but {@code keepId}; {@code by} ended them (null: each
     * session's own member).
     */
    private int endWhere(Predicate<Entry> concerned, String keepId, MemberId by) {
        int ended = 0;
        for (Map.Entry<String, Entry> e : sessions.entrySet()) {
            if (concerned.test(e.getValue()) && !e.getKey().equals(keepId)) {
                end(e.getKey(), e.getValue(),
                        new Ending(SessionEnded.Cause.REVOKED, by != null ? by : e.getValue().memberId()));
                ended++;
            }
        }
        return ended;
    }

    /**
     * Ends every session of the member on behalf of {@code actor} (the caller has checked
     * that the actor may).
     */
    public int endAll(WorkspaceId workspaceId, MemberId memberId, MemberId actor) {
        return endWhere(entry -> entry.workspaceId().equals(workspaceId) && entry.memberId().equals(memberId), null,
                actor);
    }

    /** Ends the sessions past their workspace's absolute lifetime. */
    void endExpired() {
        Instant now = clock.instant();
        Map<WorkspaceId, Duration> lifetimes = new HashMap<>();
        sessions.forEach((id, entry) -> {
            Duration lifetime = lifetimes.computeIfAbsent(entry.workspaceId(), this::absoluteLifetime);
            if (!entry.signedInAt().isAfter(now.minus(lifetime))) {
                end(id, entry, new Ending(SessionEnded.Cause.LIFETIME, null));
            }
        });
    }

    /**
     * Invalidates the servlet session; its destruction event then publishes
     * {@link SessionEnded}.
     */
    private void end(String id, Entry entry, Ending ending) {
        endings.put(id, ending);
        try {
            entry.session().invalidate();
        }
        catch (IllegalStateException alreadyInvalid) {
            // it ended by itself meanwhile; make sure it is forgotten and its sockets
            // close all the same
            endings.remove(id);
            if (sessions.remove(id) != null) {
                events.publishEvent(
                        new SessionEnded(entry.workspaceId(), entry.memberId(), id, ending.cause(), ending.by()));
            }
        }
    }

    private static Instant lastSeen(Entry entry) {
        try {
            return Instant.ofEpochMilli(entry.session().getLastAccessedTime());
        }
        catch (IllegalStateException invalid) {
            return entry.signedInAt();
        }
    }

    private static String truncate(String text) {
        return text.length() <= BROWSER_MAX_LENGTH ? text : text.substring(0, BROWSER_MAX_LENGTH);
    }

    /** How long after signing in a session of the workspace ends. */
    public Duration absoluteLifetime(WorkspaceId workspaceId) {
        return policies.of(workspaceId).absoluteLifetime();
    }

}
