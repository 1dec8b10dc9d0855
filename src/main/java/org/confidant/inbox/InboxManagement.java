package org.confidant.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.confidant.access.AccessManagement;
import org.confidant.access.Grants;
import org.confidant.access.Permission;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.confidant.shared.Text;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.CrossWorkspace;
import org.confidant.workspace.WorkspaceManagement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The inbox module's public API. */
@NamedInterface("api")
@Service
public class InboxManagement {

    private static final int MAX_NAME_LENGTH = 120;

    private static final String COLUMNS = "select id, workspace_id, name, created_at from inbox";

    private final JdbcClient jdbc;

    private final AccessManagement access;

    private final Clock clock;

    private final ApplicationEventPublisher events;

    private final WorkspaceManagement workspaces;

    InboxManagement(JdbcClient jdbc, AccessManagement access, Clock clock, ApplicationEventPublisher events,
            WorkspaceManagement workspaces) {
        this.workspaces = workspaces;
        this.jdbc = jdbc;
        this.access = access;
        this.clock = clock;
        this.events = events;
    }

    /** Creates an inbox in the creator's workspace. */
    @Transactional
    public Inbox create(Grants creator, String name) {
        creator.require(Permission.INBOXES_MANAGE);
        Text.requireWellFormed(name, "the inbox name");
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
            throw new Rejected("bad_inbox_name", "An inbox name has 1 to " + MAX_NAME_LENGTH + " characters.");
        }
        Inbox inbox = new Inbox(InboxId.random(), creator.workspaceId(), trimmed, Timestamps.now(clock));
        jdbc.sql("insert into inbox (id, workspace_id, name, created_at) values (?, ?, ?, ?)")
            .params(inbox.id().value(), inbox.workspaceId().value(), inbox.name(),
                    Timestamps.toDatabase(inbox.createdAt()))
            .update();
        events.publishEvent(new InboxCreated(inbox.workspaceId(), creator.memberId(), inbox.id()));
        return inbox;
    }

    /**
     * Makes exactly {@code members} the members of an inbox of the actor's workspace (the
     * access module checks the actor may change each one's access).
     */
    @Transactional
    public void setMembers(Grants actor, InboxId inboxId, Set<MemberId> members) {
        Inbox inbox = find(actor.workspaceId(), inboxId).orElseThrow(() -> new NotFound("inbox"));
        access.setInboxMembers(actor, inbox.id(), members);
    }

    /**
     * Replaces the origins allowed to embed an inbox's widget with those of {@code text}
     * (see {@link AllowedDomains#parse}). A bad entry rejects the whole list and nothing
     * is stored.
     */
    @Transactional
    public AllowedDomains setAllowedDomains(Grants actor, InboxId inboxId, String text) {
        Inbox inbox = find(actor.workspaceId(), inboxId).orElseThrow(() -> new NotFound("inbox"));
        actor.require(Permission.INBOXES_MANAGE);
        AllowedDomains domains = AllowedDomains.parse(text);
        jdbc.sql("delete from inbox_allowed_origin where workspace_id = ? and inbox_id = ?")
            .params(inbox.workspaceId().value(), inbox.id().value())
            .update();
        for (AllowedOrigin entry : domains.entries()) {
            jdbc.sql("insert into inbox_allowed_origin (workspace_id, inbox_id, origin) values (?, ?, ?)")
                .params(inbox.workspaceId().value(), inbox.id().value(), entry.toString())
                .update();
        }
        events.publishEvent(new InboxAllowedDomainsChanged(inbox.workspaceId(), actor.memberId(), inbox.id(), domains));
        return domains;
    }

    /**
     * Fixes the language of an inbox's widget (one of {@link WidgetLanguages#SUPPORTED}),
     * or leaves it to the visitor's browser ({@code auto}); anything else is rejected and
     * nothing is stored.
     */
    @Transactional
    public void setWidgetLanguage(Grants actor, InboxId inboxId, String language) {
        Inbox inbox = find(actor.workspaceId(), inboxId).orElseThrow(() -> new NotFound("inbox"));
        actor.require(Permission.INBOXES_MANAGE);
        String chosen = WidgetLanguages.parse(language);
        jdbc.sql("update inbox set widget_language = ? where workspace_id = ? and id = ?")
            .params(chosen.equals(WidgetLanguages.AUTO) ? null : chosen, inbox.workspaceId().value(),
                    inbox.id().value())
            .update();
        events.publishEvent(new InboxWidgetLanguageChanged(inbox.workspaceId(), actor.memberId(), inbox.id(), chosen));
    }

    /**
     * The language an inbox fixes for its widget, or {@link WidgetLanguages#AUTO} for the
     * visitor's browser's.
     */
    @Transactional(readOnly = true)
    public String widgetLanguage(WorkspaceId workspaceId, InboxId inboxId) {
        return jdbc.sql("select widget_language from inbox where workspace_id = ? and id = ?")
            .params(workspaceId.value(), inboxId.value())
            .query(String.class)
            .optional()
            .orElse(WidgetLanguages.AUTO);
    }

    /**
     * The origins allowed to embed an inbox's widget; empty when none (the inbox is not
     * live).
     */
    @Transactional(readOnly = true)
    public AllowedDomains allowedDomains(WorkspaceId workspaceId, InboxId inboxId) {
        return new AllowedDomains(jdbc.sql("""
                select origin from inbox_allowed_origin where workspace_id = ? and inbox_id = ? order by origin
                """)
            .params(workspaceId.value(), inboxId.value())
            .query((rs, n) -> AllowedOrigin.parse(rs.getString("origin")))
            .list());
    }

    @Transactional(readOnly = true)
    public List<Inbox> list(WorkspaceId workspaceId) {
        return jdbc.sql(COLUMNS + " where workspace_id = ? order by name, id")
            .param(workspaceId.value())
            .query((rs, n) -> inbox(rs))
            .list();
    }

    @Transactional(readOnly = true)
    public Optional<Inbox> find(WorkspaceId workspaceId, InboxId id) {
        return jdbc.sql(COLUMNS + " where workspace_id = ? and id = ?")
            .params(workspaceId.value(), id.value())
            .query((rs, n) -> inbox(rs))
            .optional();
    }

    /**
     * Resolves the inbox a widget names. This is the one look-up without a workspace: the
     * visitor knows only the public inbox id, and the inbox tells which workspace the
     * visitor belongs to. An inbox of a cancelled workspace is not found: its widget
     * stops everywhere at once.
     */
    @Transactional(readOnly = true)
    @CrossWorkspace("the widget's public inbox id tells its workspace")
    public Optional<Inbox> findForWidget(InboxId id) {
        return jdbc.sql(COLUMNS + " where id = ?")
            .param(id.value())
            .query((rs, n) -> inbox(rs))
            .optional()
            .filter(inbox -> !workspaces.cancelled(inbox.workspaceId()));
    }

    private static Inbox inbox(ResultSet rs) throws SQLException {
        return new Inbox(new InboxId(rs.getObject("id", UUID.class)),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)), rs.getString("name"),
                Timestamps.fromDatabase(rs.getObject("created_at", OffsetDateTime.class)));
    }

}
