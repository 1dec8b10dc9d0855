package org.confidant.inbox;

import org.confidant.access.AccessTestSamples;
import org.confidant.identity.Member;
import org.springframework.context.ApplicationContext;

/** Inboxes for tests: live ones allow {@link #HOST}, the origin the test visitors claim to be embedded on. */
public final class InboxTestSamples {

    /** The host page's origin that live test inboxes allow and test visitors report in their hello. */
    public static final String HOST = "https://shop.example";

    private InboxTestSamples() {
    }

    /** A new inbox of the owner's workspace, live on {@link #HOST}. */
    public static Inbox liveInbox(ApplicationContext context, Member owner, String name) {
        InboxManagement inboxes = context.getBean(InboxManagement.class);
        Inbox inbox = inboxes.create(AccessTestSamples.grants(context, owner), name);
        inboxes.setAllowedDomains(AccessTestSamples.grants(context, owner), inbox.id(), HOST);
        return inbox;
    }
}
