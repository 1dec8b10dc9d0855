package org.confidant.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.confidant.inbox.Inbox;
import org.confidant.inbox.InboxManagement;
import org.confidant.privacy.ConsentManagement;
import org.confidant.privacy.ConsentMode;
import org.confidant.privacy.InboxPrivacy;
import org.confidant.privacy.VisitorStorage;
import org.confidant.shared.InboxId;
import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.Tenancy;
import org.confidant.workspace.IpMode;
import org.confidant.workspace.WorkspaceManagement;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;

/**
 * The statement a visitor reads of what an inbox's chat stores and for how long, made
 * from the settings that decide it, so that it cannot drift from them: the inbox's
 * consent mode and storage ({@code privacy}), the workspace's IP mode ({@code workspace})
 * and the retention policy that applies to the inbox (its own, else the workspace's).
 */
@NamedInterface("api")
@Service
public class PrivacyStatementManagement {

    /**
     * What the statement page shows: the inbox's name, the business's notice and
     * privacy-policy link (null when none), and the generated sentences, in order.
     */
    public record Statement(String inboxName, String notice, String policyUrl, List<String> sentences) {
    }

    private final InboxManagement inboxes;

    private final ConsentManagement consents;

    private final WorkspaceManagement workspaces;

    private final RetentionPlanner planner;

    PrivacyStatementManagement(InboxManagement inboxes, ConsentManagement consents, WorkspaceManagement workspaces,
            RetentionPlanner planner) {
        this.inboxes = inboxes;
        this.consents = consents;
        this.workspaces = workspaces;
        this.planner = planner;
    }

    /**
     * The statement of the inbox with this public id (the one the widget knows), empty
     * when there is none (or its workspace was cancelled).
     */
    public Optional<Statement> forWidget(InboxId inboxId) {
        return inboxes.findForWidget(inboxId)
            .map(inbox -> Tenancy.run(inbox.workspaceId(), () -> statement(inbox.workspaceId(), inbox)));
    }

    private Statement statement(WorkspaceId workspaceId, Inbox inbox) {
        InboxPrivacy privacy = consents.privacy(workspaceId, inbox.id());
        return new Statement(inbox.name(), privacy.notice(), privacy.policyUrl(),
                sentences(privacy, workspaces.ipMode(workspaceId), planner.current(workspaceId).of(inbox.id())));
    }

    /** The generated sentences, for these settings. */
    static List<String> sentences(InboxPrivacy privacy, IpMode ipMode, RetentionPolicy retention) {
        List<String> said = new ArrayList<>();
        said.add(switch (privacy.consent()) {
            case OFF -> "This chat keeps what it needs from your first message on: it does not ask for consent first.";
            case EXPLICIT ->
                "This chat asks for your consent first: nothing about you is kept until you accept " + "its notice.";
            case IMPLIED -> "This chat asks for your consent first: nothing about you is kept until you accept "
                    + "its notice or start writing.";
        });
        if (privacy.consent() != ConsentMode.OFF) {
            said.add("You can withdraw your consent in the chat at any time: the chat ends, and your contact, "
                    + "conversations, files and sessions are erased.");
        }
        said.add(privacy.storage() == VisitorStorage.MEMORY
                ? "Nothing is stored in your browser: the chat lasts as long as the page is open."
                : "Your browser keeps a token in this chat's own storage so that the chat survives a reload; "
                        + "if your browser sends Global Privacy Control, only when you ask the chat to remember "
                        + "you on this device.");
        said.add("Kept: what you write and the files you send, with the name, email or phone number you or the "
                + "team give; card numbers and IBANs are removed from what you write before anything is stored.");
        said.add(switch (ipMode) {
            case NONE -> "Your IP address is not kept.";
            case TRUNCATED -> "Of your IP address, only its network is kept (IPv4 to a /24, IPv6 to a /48).";
            case FULL -> "Your whole IP address is kept, encrypted.";
        });
        said.add("Everything kept about you is stored encrypted.");
        said.addAll(retention(retention));
        return List.copyOf(said);
    }

    private static List<String> retention(RetentionPolicy policy) {
        if (policy.forever()) {
            return List.of("Conversations, files and contact details are kept until the team deletes them or you "
                    + "ask for them to be erased: no retention period is set.");
        }
        List<String> said = new ArrayList<>();
        if (policy.resolvedDays() != null) {
            said.add("A conversation is deleted " + days(policy.resolvedDays()) + " after it was resolved.");
        }
        if (policy.inactiveDays() != null) {
            said.add("A conversation with no new message for " + days(policy.inactiveDays()) + " is deleted.");
        }
        if (policy.attachmentDays() != null) {
            said.add("A file is deleted " + days(policy.attachmentDays()) + " after it was sent.");
        }
        if (policy.orphanContactDays() != null) {
            said.add("Your contact details are deleted once none of your conversations is left and "
                    + days(policy.orphanContactDays()) + " have passed since you first wrote.");
        }
        said.add("What no period above covers is kept until the team deletes it or you ask for it to be erased.");
        return said;
    }

    private static String days(int days) {
        return days == 1 ? "1 day" : String.format(Locale.ROOT, "%,d days", days);
    }

}
