package org.confidant.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.confidant.identity.Member;
import org.confidant.identity.Role;
import org.confidant.shared.AccountId;
import org.confidant.shared.MemberId;
import org.confidant.shared.WorkspaceId;
import org.junit.jupiter.api.Test;

/**
 * Who a note mentions: {@code @} and a display name in any case, ended by anything but a
 * letter or digit; the longest name wins; an inactive member is never mentioned.
 */
class MentionsTests {

    private static final WorkspaceId WORKSPACE = WorkspaceId.random();

    private final Member ana = member("Ana", true);

    private final Member anaMaria = member("Ana Maria", true);

    private final Member ben = member("Ben", true);

    private final Member gone = member("Gus", false);

    private final List<Member> members = List.of(ana, anaMaria, ben, gone);

    @Test
    void aMentionIsAnAtAndADisplayNameInAnyCaseEndedByANonLetter() {
        assertThat(Mentions.in("@ana, could you look? cc @BEN.", members)).containsExactly(ana.id(), ben.id());
        assertThat(Mentions.in("@Anastasia and ben@example.com and @ Ben", members)).isEmpty();
        assertThat(Mentions.in("no one here", members)).isEmpty();
    }

    @Test
    void theLongestNameWinsAndInactiveMembersAreNeverMentioned() {
        assertThat(Mentions.in("@Ana Maria please", members)).containsExactly(anaMaria.id());
        assertThat(Mentions.in("@Ana Mario please", members)).containsExactly(ana.id());
        assertThat(Mentions.in("@Gus?", members)).isEmpty();
        assertThat(Mentions.in("@Ana @ana", members)).containsExactly(ana.id());
    }

    private static Member member(String name, boolean active) {
        return new Member(MemberId.random(), WORKSPACE, AccountId.random(), Role.AGENT, name,
                name.toLowerCase() + "@example.com", active);
    }

}
