package org.confidant.attachment.web;

import org.confidant.attachment.AttachmentManagement;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives the conversation pages what their file form shows: the size cap, and whether
 * files are scanned for malware (when they are not, the page says so).
 */
@ControllerAdvice(basePackages = "org.confidant.conversation.web")
class AttachmentPolicyModel {

    /** What the dashboard tells agents about attachments. */
    record AttachmentPolicy(long maxSize, boolean scanning) {
    }

    private final AttachmentManagement attachments;

    AttachmentPolicyModel(AttachmentManagement attachments) {
        this.attachments = attachments;
    }

    @ModelAttribute("attachmentPolicy")
    AttachmentPolicy attachmentPolicy() {
        return new AttachmentPolicy(attachments.maxSize(), attachments.scanning());
    }

}
