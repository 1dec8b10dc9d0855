package org.confidant.conversation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.confidant.identity.Member;
import org.confidant.shared.MemberId;

/**
 * The members a note mentions: {@code @} followed by a member's display name, in any
 * case, and then by anything but a letter or digit (or the end). At each {@code @} the
 * longest name wins, so "@Ana Maria" mentions Ana Maria and not Ana. Only active members
 * are candidates; whether they may read the conversation is the caller's to check.
 */
final class Mentions {

    private Mentions() {
    }

    static Set<MemberId> in(String text, List<Member> members) {
        Set<MemberId> mentioned = new LinkedHashSet<>();
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            Member best = null;
            for (Member member : members) {
                String name = member.displayName();
                if (!member.active() || name.isBlank()) {
                    continue;
                }
                int end = at + 1 + name.length();
                if (text.regionMatches(true, at + 1, name, 0, name.length())
                        && (end == text.length() || !Character.isLetterOrDigit(text.codePointAt(end)))
                        && (best == null || name.length() > best.displayName().length())) {
                    best = member;
                }
            }
            if (best != null) {
                mentioned.add(best.id());
            }
        }
        return mentioned;
    }

}
