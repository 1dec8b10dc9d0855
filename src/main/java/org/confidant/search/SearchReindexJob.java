package org.confidant.search;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.confidant.access.Permission;
import org.confidant.contact.ContactManagement;
import org.confidant.conversation.AuthorKind;
import org.confidant.conversation.Conversation;
import org.confidant.conversation.ConversationManagement;
import org.confidant.conversation.Message;
import org.confidant.job.JobKind;
import org.confidant.job.JobStep;
import org.confidant.job.StepResult;
import org.confidant.shared.ContactId;
import org.confidant.shared.ConversationId;
import org.confidant.shared.WorkspaceId;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the index of every conversation of the workspace from what is stored (for
 * messages stored before the index existed, and names changed since): a step per batch of
 * {@value #BATCH} conversations, by id, adding what each conversation's messages and
 * current contact name give to its index (adding what is there already changes nothing,
 * so a step run twice does no harm, and a message posted meanwhile indexes itself).
 */
@Component
class SearchReindexJob implements JobKind {

    static final String NAME = "search.reindex";

    private static final int BATCH = 50;

    private final SearchManagement search;

    private final ConversationManagement conversations;

    private final ContactManagement contacts;

    SearchReindexJob(SearchManagement search, ConversationManagement conversations, ContactManagement contacts) {
        this.search = search;
        this.conversations = conversations;
        this.contacts = contacts;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Search index rebuild";
    }

    @Override
    public Permission permission() {
        return Permission.PRIVACY_MANAGE;
    }

    @Override
    public StepResult step(JobStep job) {
        WorkspaceId workspace = job.workspaceId();
        ConversationId after = job.first() ? null : new ConversationId(UUID.fromString(job.checkpoint()));
        List<Conversation> batch = conversations.page(workspace, after, BATCH);
        Map<ContactId, String> names = contacts.displayNames(workspace,
                batch.stream().map(Conversation::contactId).toList());
        for (Conversation conversation : batch) {
            String contactName = names.get(conversation.contactId());
            long seq = 0;
            List<Message> messages;
            do {
                messages = conversations.messagesAfter(workspace, conversation.id(), seq);
                search.index(conversation, messages.stream().map(Message::text).toList());
                if (!messages.isEmpty()) {
                    seq = messages.getLast().seq();
                }
            }
            while (messages.size() == ConversationManagement.MAX_BATCH);
            if (contactName != null) {
                search.index(conversation, List.of(contactName));
            }
        }
        long done = job.done() + batch.size();
        return batch.size() < BATCH ? StepResult.finished(done, done, null)
                : StepResult.progress(batch.getLast().id().value().toString(), done, 0);
    }

}
