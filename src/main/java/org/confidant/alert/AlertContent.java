package org.confidant.alert;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an alert says: what happened, in which workspace, by whom, when, and where to read
 * more. It is built from the audit entry, which holds no secret and no message body; it
 * is stored encrypted and sent as is (webhook body), as Slack text or as an email.
 *
 * @param rule the rule's key, or {@code test} for a test alert
 * @param at ISO-8601 instant of the audited action
 * @param sequence the audit entry's position in the workspace's log (0 for a test)
 * @param link the audit page
 */
public record AlertContent(String rule, String title, String workspaceId, String workspaceName, String action,
        String actorKind, String actorId, String actorLabel, String target, String outcome, String at, long sequence,
        Map<String, String> details, String link, boolean test) {

    public AlertContent {
        details = Map.copyOf(details);
    }

    /** One line: the subject of an email, the first line of the text. */
    public String subject() {
        // one line, whatever a workspace name holds: no header or line injection in an
        // email subject
        return ((test ? "[Confidant test] " : "[Confidant] ") + title + " in " + workspaceName).replaceAll("\\p{Cntrl}",
                " ");
    }

    /** The alert as plain text. */
    public String text() {
        String by = actorLabel.isEmpty() ? actorKind.toLowerCase() + (actorId.isEmpty() ? "" : " " + actorId)
                : actorLabel + " (" + actorKind.toLowerCase() + ")";
        StringBuilder text = new StringBuilder(subject()).append('\n')
            .append("Workspace: ")
            .append(workspaceName)
            .append(" (")
            .append(workspaceId)
            .append(")\n")
            .append("Action: ")
            .append(action)
            .append(target.isEmpty() ? "" : " on " + target)
            .append(" (")
            .append(outcome.toLowerCase())
            .append(")\n")
            .append("By: ")
            .append(by)
            .append('\n')
            .append("When: ")
            .append(at)
            .append('\n');
        if (!details.isEmpty()) {
            text.append("Details: ")
                .append(details.entrySet()
                    .stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", ")))
                .append('\n');
        }
        return text.append("Audit log: ").append(link).append('\n').toString();
    }
}
