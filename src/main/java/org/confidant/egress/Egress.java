package org.confidant.egress;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.confidant.shared.Rejected;
import org.confidant.shared.WorkspaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one gate every outbound connection of the server is built through: HTTP clients
 * ({@link #http}), TCP and local sockets ({@link #connect}, {@link #connectLocal}) and
 * email ({@link #mail}). Each connection names its {@link Flow}; a flow whose target a
 * workspace chooses may connect only where the operator allowed
 * ({@code confidant.egress.allowed-hosts}, or the flow's own setting for private hosts,
 * which its {@link OutboundUrlGuard} carries), and passes the SSRF guard; an operator's
 * flow connects only to what the operator configured for it. A refusal is a
 * {@link Rejected} ({@code egress_refused}) before anything is sent, one log line, and,
 * when the connection was made for a workspace, an {@link EgressRefused} in that
 * workspace's audit log (recorded in a transaction of its own, so that the refused
 * action's rollback keeps it). Every flow's connections and refusals are counted
 * ({@link #uses}, and the metric {@code confidant.egress} by flow and outcome). No other
 * code may open a socket, build an HTTP client or send mail: {@code EgressRulesTests}
 * fails the build when it does.
 */
@NamedInterface("api")
@Service
public class Egress {

    private static final Logger log = LoggerFactory.getLogger(Egress.class);

    /** The workspace a connection made on this thread is for, when the caller said so. */
    private static final ThreadLocal<WorkspaceId> ON_BEHALF_OF = new ThreadLocal<>();

    /** How often each flow connected and was refused since the start. */
    public record Use(Flow flow, long connections, long refusals) {
    }

    private final EgressSettings settings;

    private final ObjectProvider<JavaMailSender> mail;

    private final ApplicationEventPublisher events;

    private final TransactionTemplate ownTransaction;

    private final MeterRegistry meters;

    private final Map<Flow, AtomicLong> connections = new EnumMap<>(Flow.class);

    private final Map<Flow, AtomicLong> refusals = new EnumMap<>(Flow.class);

    Egress(EgressSettings settings, ObjectProvider<JavaMailSender> mail, ApplicationEventPublisher events,
            PlatformTransactionManager transactions, MeterRegistry meters) {
        this.settings = settings;
        this.mail = mail;
        this.events = events;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.meters = meters;
        for (Flow flow : Flow.values()) {
            connections.put(flow, new AtomicLong());
            refusals.put(flow, new AtomicLong());
        }
    }

    /**
     * Whether the operator's allowlist ({@code confidant.egress.allowed-hosts}) names the
     * host (as a URL writes it) on that port: what a page says of a target a member
     * enters.
     */
    public boolean allows(String host, int port) {
        return settings.allows(host, port);
    }

    /**
     * Runs {@code work}, whose connections are for the workspace: a refusal is audited
     * there.
     */
    public <T> T onBehalfOf(WorkspaceId workspaceId, Supplier<T> work) {
        WorkspaceId before = ON_BEHALF_OF.get();
        ON_BEHALF_OF.set(workspaceId);
        try {
            return work.get();
        }
        finally {
            if (before == null) {
                ON_BEHALF_OF.remove();
            }
            else {
                ON_BEHALF_OF.set(before);
            }
        }
    }

    /**
     * An HTTP route for the flow: every request's URL passes {@code guard} (with its own
     * operator allowlist) and this gate, and connects only to the addresses the guard
     * resolved and checked.
     */
    public OutboundHttp http(Flow flow, OutboundUrlGuard guard, Duration timeout) {
        return new OutboundHttp(this, flow, guard, timeout);
    }

    /**
     * A TCP connection of an operator's flow to the host and port the operator configured
     * for it (clamd).
     */
    public Socket connect(Flow flow, String host, int port, Duration timeout) throws IOException {
        permit(flow, null, host, port, flow.chooser() == Flow.Chooser.OPERATOR);
        Socket socket = new Socket();
        try {
            int millis = (int) timeout.toMillis();
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            return socket;
        }
        catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * A connection to a unix socket of this machine that the operator configured
     * (clamd's): not a network connection, counted with its flow.
     */
    public SocketChannel connectLocal(Flow flow, Path socket) throws IOException {
        permit(flow, null, "unix:" + socket, 0, flow.chooser() == Flow.Chooser.OPERATOR);
        return SocketChannel.open(UnixDomainSocketAddress.of(socket));
    }

    /** Whether an SMTP server is configured ({@code spring.mail.host}). */
    public boolean mailAvailable() {
        return mail.getIfAvailable() != null;
    }

    /**
     * Sends an email of the flow through the operator's SMTP server
     * ({@code spring.mail.*}).
     * @throws MailException when no SMTP server is configured or it refused the message
     */
    public void mail(Flow flow, SimpleMailMessage message) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new MailSendException("no SMTP server is configured (spring.mail.host)");
        }
        permit(flow, null, "smtp", 0, flow.chooser() == Flow.Chooser.OPERATOR);
        sender.send(message);
    }

    /**
     * Each flow with its connections and refusals since the start, in catalogue order.
     */
    public List<Use> uses() {
        return Arrays.stream(Flow.values())
            .map(flow -> new Use(flow, connections.get(flow).get(), refusals.get(flow).get()))
            .toList();
    }

    /**
     * Lets a connection of the flow to {@code host:port} through, or refuses it. An
     * operator's target ({@code configured}) passes; anything else must be on the
     * operator's allowlist.
     * @throws Rejected {@code egress_refused}
     */
    void permit(Flow flow, WorkspaceId workspaceId, String host, int port, boolean configured) {
        if (configured || settings.allows(host, port)) {
            connections.get(flow).incrementAndGet();
            meters.counter("confidant.egress", "flow", flow.key(), "outcome", "allowed").increment();
            return;
        }
        throw refuse(flow, workspaceId, host, "not in confidant.egress.allowed-hosts");
    }

    /**
     * Counts, logs and audits a refused connection; returns the gate's refusal to throw.
     */
    Rejected refuse(Flow flow, WorkspaceId workspaceId, String host, String reason) {
        refused(flow, workspaceId, host, reason);
        return new Rejected("egress_refused", "Confidant may not connect to " + host.toLowerCase(Locale.ROOT)
                + ": the operator has not allowed it (confidant.egress.allowed-hosts).");
    }

    /**
     * Counts, logs and audits a connection that was refused (by the gate, or by a flow's
     * SSRF guard) before it was made.
     */
    void refused(Flow flow, WorkspaceId workspaceId, String host, String reason) {
        refusals.get(flow).incrementAndGet();
        meters.counter("confidant.egress", "flow", flow.key(), "outcome", "refused").increment();
        WorkspaceId workspace = workspaceId != null ? workspaceId : ON_BEHALF_OF.get();
        log.warn("egress refused: flow {} to {} ({}){}", flow.key(), host, reason,
                workspace == null ? "" : " for workspace " + workspace);
        if (workspace != null) {
            try {
                ownTransaction.executeWithoutResult(
                        status -> events.publishEvent(new EgressRefused(workspace, flow, host, reason)));
            }
            catch (RuntimeException e) {
                log.warn("the refusal could not be recorded in workspace {}'s audit log: {}", workspace,
                        e.getClass().getSimpleName());
            }
        }
    }

}
