package org.confidant.privacy;

import org.confidant.shared.InboxId;
import org.springframework.modulith.NamedInterface;

/**
 * An inbox's privacy settings for its widget: whether it asks for consent first, where
 * the visitor's token is kept, the business's notice (and its version, which goes up with
 * every change, so that a consent names the text it was given to) and a link to the
 * business's privacy policy (null when none).
 */
@NamedInterface("api")
public record InboxPrivacy(InboxId inboxId, ConsentMode consent, VisitorStorage storage, String notice,
        int noticeVersion, String policyUrl) {

    /** What an inbox has before anyone sets anything. */
    static InboxPrivacy defaults(InboxId inboxId) {
        return new InboxPrivacy(inboxId, ConsentMode.OFF, VisitorStorage.BROWSER, "", 0, null);
    }

    /** Whether a new visitor must consent before anything about them is kept. */
    public boolean asksConsent() {
        return consent != ConsentMode.OFF;
    }

}
