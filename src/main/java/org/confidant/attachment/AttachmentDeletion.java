package org.confidant.attachment;

import java.io.IOException;

import org.confidant.attachment.spi.AttachmentStore;
import org.confidant.workspace.WorkspaceDeleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Removes a deleted workspace's attachments: the stored objects, then the rows (before
 * the conversations they refer to). The workspace's keys are destroyed too, so an object
 * that could not be removed is unreadable anyway.
 */
@Component
class AttachmentDeletion {

    private static final Logger log = LoggerFactory.getLogger(AttachmentDeletion.class);

    private final Attachments attachments;

    private final AttachmentStore store;

    AttachmentDeletion(Attachments attachments, AttachmentStore store) {
        this.attachments = attachments;
        this.store = store;
    }

    @EventListener
    @Order(5)
    void on(WorkspaceDeleted event) {
        for (String key : attachments.storageKeysOfWorkspace(event.workspaceId())) {
            try {
                store.delete(key);
            }
            catch (IOException e) {
                log.error("the stored object {} of a deleted workspace could not be removed", key, e);
            }
        }
        attachments.deleteWorkspace(event.workspaceId());
    }

}
