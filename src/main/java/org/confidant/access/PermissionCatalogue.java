package org.confidant.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.confidant.identity.Role;

/**
 * Renders the permission catalogue as the Markdown of {@code docs/permissions.md}. The
 * file is generated with
 * {@code java -jar target/confidant.jar permissions > docs/permissions.md}, and a test
 * fails when it differs from what this renders, so the published catalogue cannot drift
 * from the code.
 */
public final class PermissionCatalogue {

    private PermissionCatalogue() {
    }

    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("""
                # Permissions

                <!-- Generated from org.confidant.access.Permission: java -jar target/confidant.jar permissions -->

                Each member of a workspace has one role. A role is a set of the permissions below; per-member
                overrides grant or revoke single permissions on top of it (on the member's page). Nobody grants a
                permission they do not hold, nobody changes their own access, and only owners make or unmake owners.

                Which conversations a member reads follows from the widest read permission they hold
                (`conversations.read.all`, then `conversations.read.inboxes`, then `conversations.read.assigned`) and
                from their **conversation scope**: *as the role allows*, or *only those assigned to them*. Lists,
                counts, live updates and every action on a conversation respect it; a conversation outside it
                answers 404, exactly like one that does not exist.

                """);
        md.append("| Permission | What it allows |");
        Arrays.stream(Role.values()).forEach(role -> md.append(' ').append(title(role)).append(" |"));
        md.append('\n').append("| --- | --- |");
        Arrays.stream(Role.values()).forEach(role -> md.append(" :-: |"));
        md.append('\n');
        for (Permission permission : Permission.values()) {
            md.append("| `").append(permission.key()).append("` | ").append(permission.description()).append(" |");
            for (Role role : Role.values()) {
                md.append(permission.inRole(role) ? " ✓ |" : "   |");
            }
            md.append('\n');
        }
        md.append('\n')
            .append(Arrays.stream(Role.values())
                .map(role -> "- **" + title(role) + "**: " + Permission.ofRole(role).size() + " of "
                        + Permission.values().length + " permissions.")
                .collect(Collectors.joining("\n")))
            .append('\n');
        return md.toString();
    }

    private static String title(Role role) {
        String name = role.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

}
