package org.confidant.audit;

import java.util.Set;

import org.confidant.identity.AccountManagement;
import org.confidant.identity.Member;
import org.confidant.shared.AuditAction;
import org.confidant.shared.AuditActor;
import org.confidant.shared.AuditRecord;
import org.confidant.shared.AuditedEvent;
import org.confidant.shared.MemberId;
import org.confidant.workspace.WorkspaceManagement;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Records every {@link AuditedEvent} any module publishes, synchronously, in the
 * publisher's transaction (or in one of its own when there is none, as for a failed
 * sign-in), so an action and its entry commit or roll back together. From the current
 * request, when there is one, it takes the source address (the client's, as Tomcat
 * resolved it from the trusted proxies' forwarded header) and the user agent. Reads
 * ({@code conversation.read}, {@code contact.read}) are recorded once per member, object
 * and session per {@link AuditSettings#readWindow()}. Everything passes the
 * {@link PrivacyFilter} first.
 */
@Component
class AuditRecorder {

    private static final Set<AuditAction> READS = Set.of(AuditAction.CONVERSATION_READ, AuditAction.CONTACT_READ);

    private static final int MAX_LABEL = 254;

    private static final int MAX_TARGET = 200;

    private static final int MAX_USER_AGENT = 200;

    private static final int MAX_ADDRESS = 45;

    private final AuditLog log;

    private final AccountManagement accounts;

    private final WorkspaceManagement workspaces;

    private final Cache<String, Boolean> recentReads;

    AuditRecorder(AuditLog log, AccountManagement accounts, WorkspaceManagement workspaces, AuditSettings settings) {
        this.log = log;
        this.accounts = accounts;
        this.workspaces = workspaces;
        this.recentReads = Caffeine.newBuilder().expireAfterWrite(settings.readWindow()).maximumSize(1_000_000).build();
    }

    @EventListener
    void on(AuditedEvent event) {
        AuditRecord record = event.auditRecord();
        HttpServletRequest request = RequestContextHolder
            .getRequestAttributes() instanceof ServletRequestAttributes attributes ? attributes.getRequest() : null;
        AuditActor actor = labelled(record);
        String target = PrivacyFilter.text(record.target(), MAX_TARGET);
        if (READS.contains(record.action()) && !firstReadInWindow(record, actor, target, request)) {
            return;
        }
        // what the workspace's IP mode keeps of the address: nothing, its network, or all
        String address = request == null ? null : workspaces.keptAddress(record.workspaceId(), request.getRemoteAddr());
        log.append(record.workspaceId(), actor, record.action(), target, record.outcome(),
                address == null ? "" : PrivacyFilter.text(address, MAX_ADDRESS),
                request == null ? "" : PrivacyFilter.text(request.getHeader("User-Agent"), MAX_USER_AGENT),
                PrivacyFilter.details(record.details()));
    }

    /**
     * A member named without a label gets their email, as the log's readers know them.
     */
    private AuditActor labelled(AuditRecord record) {
        AuditActor actor = record.actor();
        String label = actor.label();
        if (actor.kind() == AuditActor.Kind.MEMBER && label.isEmpty() && AuditFilter.isId(actor.id())) {
            label = accounts.findMember(record.workspaceId(), MemberId.of(actor.id())).map(Member::email).orElse("");
        }
        return new AuditActor(actor.kind(), PrivacyFilter.text(actor.id(), 64), PrivacyFilter.text(label, MAX_LABEL));
    }

    /**
     * Whether this read is the first of its member, object and session in the window.
     * Should the transaction roll back, the read is forgotten again so the next one is
     * recorded.
     */
    private boolean firstReadInWindow(AuditRecord record, AuditActor actor, String target, HttpServletRequest request) {
        HttpSession session = request == null ? null : request.getSession(false);
        String key = record.workspaceId() + "|" + actor.kind() + ":" + actor.id() + "|" + target + "|"
                + (session == null ? "" : session.getId());
        if (recentReads.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
            return false;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        recentReads.invalidate(key);
                    }
                }
            });
        }
        return true;
    }

}
