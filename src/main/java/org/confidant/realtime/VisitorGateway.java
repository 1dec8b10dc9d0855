package org.confidant.realtime;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.confidant.contact.LiveVisit;
import org.confidant.contact.LiveVisits;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.PostResult;
import org.confidant.privacy.Consent;
import org.confidant.privacy.ConsentManagement;
import org.confidant.privacy.InboxPrivacy;
import org.confidant.privacy.VisitorStorage;
import org.confidant.ratelimit.RateLimit;
import org.confidant.ratelimit.RateLimits;
import org.confidant.shared.ConversationId;
import org.confidant.shared.InboxId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.Text;
import org.confidant.shared.WorkspaceId;
import org.confidant.widget.ConsentRequired;
import org.confidant.widget.VisitorConsent;
import org.confidant.widget.VisitorSession;
import org.confidant.widget.VisitorSessions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketSession;

/**
 * {@code /ws/visitor}: the widget's socket. Authenticated by the {@code hello} frame's
 * visitor token; while it is open, it is sent a new token (a {@code token} frame) at half
 * the current one's lifetime, so that an active visitor always holds a token that works.
 * A socket whose sessions are revoked is closed (see {@link LocalSockets}). While it is
 * open after {@code hello}, what it says of the visit (the page's path, the browser, the
 * time zone) is held in {@link LiveVisits} for the agent's side panel, and forgotten when
 * it closes; none of it is stored or logged.
 */
@Component
class VisitorGateway extends FrameGateway<VisitorGateway.State> {

    /**
     * What a visitor socket knows; {@code session} is null until {@code hello}.
     * {@code hasConversation}: whether the visitor has written before (their next message
     * opens no new conversation).
     */
    static final class State {

        final String ipAddress;

        /** The summary of the handshake's user agent (the raw one is not kept). */
        final String browser;

        volatile @Nullable VisitorSession session;

        volatile boolean hasConversation;

        volatile ScheduledFuture<?> renewal;

        volatile boolean closed;

        volatile Instant lastTyping = Instant.EPOCH;

        State(String ipAddress, String browser) {
            this.ipAddress = ipAddress;
            this.browser = browser;
        }

    }

    private static final Logger log = LoggerFactory.getLogger(VisitorGateway.class);

    /** The longest page path {@code hello} may carry; a longer one is dropped. */
    static final int MAX_PAGE_LENGTH = 300;

    /** The longest time zone id {@code hello} may carry; a longer one is dropped. */
    private static final int MAX_ZONE_LENGTH = 64;

    /**
     * The soonest a renewal is tried again after one failed (the database was
     * unreachable, say).
     */
    private static final Duration MIN_RENEWAL_DELAY = Duration.ofSeconds(1);

    private final VisitorSessions visitorSessions;

    private final ConversationManagement conversations;

    private final LocalSockets localSockets;

    private final RateLimits rateLimits;

    private final ConsentManagement consents;

    private final Clock clock;

    /** Times the renewals; each renewal itself runs on a virtual thread of its own. */
    private final ScheduledThreadPoolExecutor renewals;

    private final Fanout fanout;

    private final LiveVisits liveVisits;

    VisitorGateway(Frames frames, VisitorSessions visitorSessions, ConversationManagement conversations,
            LocalSockets localSockets, RateLimits rateLimits, ConsentManagement consents, Clock clock, Fanout fanout,
            LiveVisits liveVisits) {
        super(frames);
        this.liveVisits = liveVisits;
        this.fanout = fanout;
        this.visitorSessions = visitorSessions;
        this.conversations = conversations;
        this.localSockets = localSockets;
        this.rateLimits = rateLimits;
        this.consents = consents;
        this.clock = clock;
        this.renewals = new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().name("visitor-token-renewal").factory());
        renewals.setRemoveOnCancelPolicy(true);
        on("hello", ClientFrames.Hello.class, this::hello);
        on("sync", ClientFrames.Catchup.class, (socket, state, frame) -> sync(socket, session(state), frame));
        on("message.send", ClientFrames.VisitorSend.class,
                (socket, state, frame) -> send(socket, state, session(state), frame));
        on("consent.withdraw", ClientFrames.Withdraw.class,
                (socket, state, frame) -> visitorSessions.withdrawConsent(session(state)));
        on("typing", ClientFrames.VisitorTyping.class, (socket, state, frame) -> typing(state, session(state)));
    }

    @PreDestroy
    void stop() {
        renewals.shutdownNow();
    }

    @Override
    protected State opened(WebSocketSession session, ClientSocket socket) {
        InetSocketAddress remote = session.getRemoteAddress();
        return new State(remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress(),
                Browsers.summary(session.getHandshakeHeaders().getFirst("User-Agent")));
    }

    /**
     * The socket's visitor session; frames other than {@code hello} and {@code ping} need
     * one.
     */
    private static VisitorSession session(State state) {
        VisitorSession session = state.session;
        if (session == null) {
            throw new Rejected("not_authenticated", "Send hello first.");
        }
        return session;
    }

    @Override
    protected String notFoundCode(NotFound notFound) {
        return notFound.getMessage().startsWith("inbox") ? "inbox_not_found" : "conversation_not_found";
    }

    @Override
    protected @Nullable WorkspaceId workspaceOf(State state) {
        VisitorSession session = state.session;
        return session == null ? null : session.workspaceId();
    }

    @Override
    protected void closed(ClientSocket socket, State state) {
        state.closed = true;
        ScheduledFuture<?> renewal = state.renewal;
        if (renewal != null) {
            renewal.cancel(false);
        }
        VisitorSession session = state.session;
        if (session != null) {
            localSockets.removeVisitor(session.contactId(), socket);
            liveVisits.disconnected(session.workspaceId(), session.contactId(), socket.id());
        }
    }

    private void hello(ClientSocket socket, State state, ClientFrames.Hello frame) {
        if (state.session != null) {
            throw new Rejected("bad_frame", "This socket has said hello already.");
        }
        InboxId inbox;
        try {
            inbox = InboxId.of(frame.inbox());
        }
        catch (IllegalArgumentException e) {
            throw new NotFound("inbox");
        }
        VisitorSession session;
        try {
            session = visitorSessions.open(inbox, frame.token(), frame.host(), frame.identity(), state.ipAddress,
                    consent(frame));
        }
        catch (ConsentRequired required) {
            // nothing was stored; the socket may say hello again with the visitor's
            // consent
            socket.send(frames.consent(required.privacy()));
            return;
        }
        state.session = session;
        Optional<Conversation> conversation = conversations.findForContact(session.workspaceId(), session.inboxId(),
                session.contactId());
        state.hasConversation = conversation.isPresent();
        InboxPrivacy privacy = consents.privacy(session.workspaceId(), session.inboxId());
        socket.send(frames.write(new WelcomeFrame("welcome", session.token(), session.expiresAt().toString(),
                conversation.map(c -> c.id().toString()).orElse(null),
                conversation.map(Conversation::lastSeq).orElse(0L), session.verified(),
                privacy.storage() == VisitorStorage.MEMORY ? "memory" : "browser", privacy.asksConsent())));
        // registered after the welcome, so that welcome is always the first frame; the
        // client's sync covers the gap
        localSockets.addVisitor(session.contactId(), socket);
        liveVisits.connected(session.workspaceId(), session.contactId(), socket.id(),
                new LiveVisit(page(frame.page()), state.browser, zone(frame.zone())));
        // a socket closed meanwhile may have been forgotten before it was recorded
        if (state.closed) {
            liveVisits.disconnected(session.workspaceId(), session.contactId(), socket.id());
        }
        // a revocation committed before the registration did not reach this socket: look
        // again now that later ones
        // will (the reconnecting client's hello then says why)
        if (!visitorSessions.isLive(session)) {
            socket.close(LocalSockets.VISITOR_REVOKED);
            return;
        }
        scheduleRenewal(socket, state, session);
    }

    /**
     * Sends the socket a new token at half of what is left of the current one's lifetime.
     */
    private void scheduleRenewal(ClientSocket socket, State state, VisitorSession current) {
        if (state.closed) {
            return;
        }
        Duration half = Duration.between(clock.instant(), current.expiresAt()).dividedBy(2);
        long delay = Math.max(MIN_RENEWAL_DELAY.toMillis(), half.toMillis());
        state.renewal = renewals.schedule(() -> Thread.startVirtualThread(() -> renew(socket, state)), delay,
                TimeUnit.MILLISECONDS);
    }

    private void renew(ClientSocket socket, State state) {
        VisitorSession current = state.session;
        if (state.closed || current == null) {
            return;
        }
        try {
            Optional<VisitorSession> renewed = visitorSessions.renew(current);
            if (renewed.isEmpty()) {
                socket.close(LocalSockets.VISITOR_REVOKED); // revoked meanwhile; its
                                                            // revocation closes it too
                return;
            }
            state.session = renewed.get();
            socket.send(frames.token(renewed.get()));
            scheduleRenewal(socket, state, renewed.get());
        }
        catch (RuntimeException e) {
            log.warn("renewing the token of visitor socket {} failed; trying again: {}", socket.id(), e.toString());
            scheduleRenewal(socket, state, current);
        }
    }

    private void sync(ClientSocket socket, VisitorSession session, ClientFrames.Catchup frame) {
        Conversation conversation = ownConversation(session, frame.conversation());
        catchUp(socket, conversations, session.workspaceId(), conversation.id(),
                Frames.sequence(frame.after(), "after"));
    }

    private void send(ClientSocket socket, State state, VisitorSession session, ClientFrames.VisitorSend frame) {
        rateLimits.spend(RateLimit.MESSAGES_PER_SOCKET, socket.id());
        rateLimits.spend(RateLimit.MESSAGES_PER_VISITOR, session.contactId().toString());
        if (!state.hasConversation) {
            rateLimits.spend(RateLimit.CONVERSATIONS_PER_ADDRESS,
                    state.ipAddress == null ? "unknown" : state.ipAddress);
        }
        PostResult result = conversations.postFromVisitor(session.workspaceId(), session.inboxId(), session.contactId(),
                frame.clientMsgId(), frame.text());
        state.hasConversation = true;
        socket.send(frames.ack(result));
    }

    /**
     * Tells the agents watching the visitor's conversation that the visitor is writing:
     * throttled to one signal per {@link AgentGateway#TYPING_INTERVAL} per socket (the
     * rest are dropped), nothing stored; before their first message there is no one to
     * tell.
     */
    private void typing(State state, VisitorSession session) {
        Instant now = clock.instant();
        if (now.isBefore(state.lastTyping.plus(AgentGateway.TYPING_INTERVAL))) {
            return;
        }
        state.lastTyping = now;
        conversations.findForContact(session.workspaceId(), session.inboxId(), session.contactId())
            .ifPresent(c -> fanout.publish(new FanoutMessage(FanoutMessage.Kind.TYPING_TO_AGENTS, c.workspaceId(),
                    c.id(), c.contactId(), c.inboxId(), c.assignee(), frames.typing(c.id().toString(), "visitor"))));
    }

    /**
     * The visitor's own conversation; any other id, of this workspace or not, is not
     * found.
     */
    private Conversation ownConversation(VisitorSession session, String id) {
        try {
            return conversations.find(session.workspaceId(), ConversationId.of(id))
                .filter(c -> c.contactId().equals(session.contactId()))
                .orElseThrow(() -> new NotFound("conversation"));
        }
        catch (IllegalArgumentException e) {
            throw new NotFound("conversation");
        }
    }

    /**
     * The path of the host page {@code hello} names, for the agent's side panel: up to
     * the first {@code ?} or {@code #} (a query or fragment is never kept), and only a
     * path (it starts with {@code /}, at most {@value #MAX_PAGE_LENGTH} characters,
     * well-formed, no control or space characters); anything else is dropped, and the
     * chat goes on without it.
     */
    static @Nullable String page(@Nullable String page) {
        if (page == null) {
            return null;
        }
        int end = page.length();
        for (int i = 0; i < page.length(); i++) {
            char c = page.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        String path = page.substring(0, end);
        if (!path.startsWith("/") || path.length() > MAX_PAGE_LENGTH || !Text.isWellFormed(path)
                || path.codePoints()
                    .anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)
                            || Character.getType(c) == Character.FORMAT)) {
            return null;
        }
        return path;
    }

    /**
     * The visitor's time zone {@code hello} names (an IANA id such as
     * {@code Europe/Berlin}); one {@link ZoneId} does not know is dropped.
     */
    static @Nullable ZoneId zone(@Nullable String zone) {
        if (zone == null || zone.length() > MAX_ZONE_LENGTH || !Text.isWellFormed(zone)) {
            return null;
        }
        try {
            return ZoneId.of(zone);
        }
        catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The consent a {@code hello} carries: {@code consent} ({@code explicit} or
     * {@code implied}) and the notice's version, both or neither.
     */
    private static VisitorConsent consent(ClientFrames.Hello frame) {
        if (frame.consent() == null && frame.notice() == null) {
            return null;
        }
        Consent.Kind kind = switch (frame.consent() == null ? "" : frame.consent()) {
            case "explicit" -> Consent.Kind.EXPLICIT;
            case "implied" -> Consent.Kind.IMPLIED;
            default -> throw new Rejected("bad_frame", "\"consent\" is \"explicit\" or \"implied\".");
        };
        long version = Frames.sequence(frame.notice(), "notice");
        if (frame.notice() == null || version > Integer.MAX_VALUE) {
            throw new Rejected("bad_frame", "\"notice\" names the version of the notice the visitor consented to.");
        }
        return new VisitorConsent(kind, (int) version);
    }

    /**
     * {@code storage}: where the chat keeps the visitor's token ({@code browser} or
     * {@code memory}); {@code consent}: whether the inbox asked for consent (the chat
     * then offers to withdraw it).
     */
    record WelcomeFrame(String type, String token, String expiresAt, String conversation, long lastSeq,
            boolean verified, String storage, boolean consent) {
    }

}
