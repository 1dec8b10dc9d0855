package org.confidant.access;

import java.util.HashSet;
import java.util.Set;

import org.confidant.identity.Member;
import org.confidant.inbox.InboxManagement;
import org.confidant.shared.InboxId;
import org.confidant.shared.MemberId;
import org.springframework.context.ApplicationContext;

/** Access as tests need it: a member's grants, the way controllers get them, and inbox membership. */
public final class AccessTestSamples {

    private AccessTestSamples() {
    }

    /** The member's current grants. */
    public static Grants grants(ApplicationContext context, Member member) {
        return context.getBean(AccessManagement.class).grants(member.workspaceId(), member.id()).orElseThrow();
    }

    /** Adds members to an inbox, as the given owner does on the inbox's members page. */
    public static void joinInbox(ApplicationContext context, Member owner, InboxId inbox, Member... members) {
        Set<MemberId> chosen = new HashSet<>(context.getBean(AccessManagement.class)
                .inboxMembers(owner.workspaceId(), inbox));
        for (Member member : members) {
            chosen.add(member.id());
        }
        context.getBean(InboxManagement.class).setMembers(grants(context, owner), inbox, chosen);
    }
}
