package org.confidant.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.confidant.access.Grants;
import org.confidant.shared.ConversationId;
import org.confidant.shared.InboxId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Labels and which conversations carry them, in SQL. Every statement filters on the
 * workspace.
 */
@Repository
class Labels {

    private static final String COLUMNS = "select l.id, l.name, l.colour from conversation_label l";

    private final JdbcClient jdbc;

    Labels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The workspace's labels, by name. */
    List<Label> all(WorkspaceId workspaceId) {
        return jdbc.sql(COLUMNS + " where l.workspace_id = ? order by l.name_key")
            .param(workspaceId.value())
            .query((rs, n) -> label(workspaceId, rs))
            .list();
    }

    Optional<Label> find(WorkspaceId workspaceId, LabelId id) {
        return jdbc.sql(COLUMNS + " where l.workspace_id = ? and l.id = ?")
            .params(workspaceId.value(), id.value())
            .query((rs, n) -> label(workspaceId, rs))
            .optional();
    }

    long count(WorkspaceId workspaceId) {
        return jdbc.sql("select count(*) from conversation_label where workspace_id = ?")
            .param(workspaceId.value())
            .query(Long.class)
            .single();
    }

    /** Whether another label of the workspace has this name, whatever its case. */
    boolean nameTaken(WorkspaceId workspaceId, String name, @Nullable LabelId except) {
        return jdbc.sql("select count(*) from conversation_label where workspace_id = ? and name_key = ? and id <> ?")
            .params(workspaceId.value(), key(name), except == null ? new UUID(0, 0) : except.value())
            .query(Long.class)
            .single() > 0;
    }

    void insert(Label label, Instant now) {
        jdbc.sql("""
                insert into conversation_label (id, workspace_id, name, name_key, colour, created_at)
                values (?, ?, ?, ?, ?, ?)
                """)
            .params(label.id().value(), label.workspaceId().value(), label.name(), key(label.name()),
                    label.colour().key(), Timestamps.toDatabase(now))
            .update();
    }

    void update(Label label) {
        jdbc.sql("update conversation_label set name = ?, name_key = ?, colour = ? where workspace_id = ? and id = ?")
            .params(label.name(), key(label.name()), label.colour().key(), label.workspaceId().value(),
                    label.id().value())
            .update();
    }

    /** Deletes the label and takes it off every conversation. */
    void delete(WorkspaceId workspaceId, LabelId id) {
        jdbc.sql("delete from conversation_labelling where workspace_id = ? and label_id = ?")
            .params(workspaceId.value(), id.value())
            .update();
        jdbc.sql("delete from conversation_label where workspace_id = ? and id = ?")
            .params(workspaceId.value(), id.value())
            .update();
    }

    /**
     * The labels of those of the conversations the viewer can read, by name; a
     * conversation without any is absent.
     */
    Map<ConversationId, List<Label>> of(WorkspaceId workspaceId, Grants viewer,
            Collection<ConversationId> conversations) {
        Map<ConversationId, List<Label>> labels = new LinkedHashMap<>();
        if (conversations.isEmpty()) {
            return labels;
        }
        jdbc.sql("""
                select cl.conversation_id, l.id, l.name, l.colour
                  from conversation_labelling cl
                  join conversation_label l on l.id = cl.label_id and l.workspace_id = cl.workspace_id
                  join conversation cv on cv.id = cl.conversation_id and cv.workspace_id = cl.workspace_id
                 where cl.workspace_id = :workspace and cl.conversation_id in (:ids) and %s
                 order by l.name_key
                """.formatted(Conversations.scope(viewer)))
            .param("workspace", workspaceId.value())
            .param("ids", conversations.stream().map(ConversationId::value).distinct().toList())
            .param("viewer", viewer.memberId().value())
            .param("inboxes", viewer.inboxes().stream().map(InboxId::value).toList())
            .query((rs, n) -> {
                labels
                    .computeIfAbsent(new ConversationId(rs.getObject("conversation_id", UUID.class)),
                            id -> new ArrayList<>())
                    .add(label(workspaceId, rs));
                return n;
            })
            .list();
        return labels;
    }

    /** Puts the label on the conversation; false if it was already there. */
    boolean apply(WorkspaceId workspaceId, ConversationId conversation, LabelId label, Instant now) {
        boolean present = jdbc
            .sql("select count(*) from conversation_labelling where workspace_id = ? and conversation_id = ? "
                    + "and label_id = ?")
            .params(workspaceId.value(), conversation.value(), label.value())
            .query(Long.class)
            .single() > 0;
        if (present) {
            return false;
        }
        jdbc.sql("""
                insert into conversation_labelling (workspace_id, conversation_id, label_id, labelled_at)
                values (?, ?, ?, ?)
                """)
            .params(workspaceId.value(), conversation.value(), label.value(), Timestamps.toDatabase(now))
            .update();
        return true;
    }

    /** Takes the label off the conversation; false if it was not there. */
    boolean remove(WorkspaceId workspaceId, ConversationId conversation, LabelId label) {
        return jdbc
            .sql("delete from conversation_labelling where workspace_id = ? and conversation_id = ? and label_id = ?")
            .params(workspaceId.value(), conversation.value(), label.value())
            .update() > 0;
    }

    /** Takes every label off the conversations (before they go). */
    void deleteOf(WorkspaceId workspaceId, Collection<UUID> conversations) {
        jdbc.sql("delete from conversation_labelling where workspace_id = :workspace and conversation_id in (:ids)")
            .param("workspace", workspaceId.value())
            .param("ids", List.copyOf(conversations))
            .update();
    }

    /** The form in which names are compared: lower case. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Label label(WorkspaceId workspaceId, ResultSet rs) throws SQLException {
        return new Label(new LabelId(rs.getObject("id", UUID.class)), workspaceId, rs.getString("name"),
                LabelColour.of(rs.getString("colour")));
    }

}
