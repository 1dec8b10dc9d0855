package org.confidant.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.confidant.Fixtures;
import org.confidant.IntegrationTest;
import org.confidant.TestClock;
import org.confidant.access.AccessManagement;
import org.confidant.identity.Member;
import org.confidant.identity.Role;
import org.confidant.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * The owners of a cancelled workspace are told by email: at once, three days before the
 * end, and when it is gone (with the signed receipt); its other members are not, and no
 * email carries a password. This class has an application of its own: it needs an SMTP
 * server (GreenMail) that the shared one does not have.
 */
@IntegrationTest
class CancellationMailIntegrationTests {

    static final GreenMail SMTP = startSmtp();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @Autowired
    Fixtures fixtures;

    @Autowired
    TestClock clock;

    @Autowired
    CancellationManagement cancellations;

    @Autowired
    CancellationSweeper sweeper;

    @Autowired
    WorkspaceManagement workspaces;

    @Autowired
    AccessManagement access;

    @Test
    void theOwnersAndOnlyThemAreEmailedAtCancellationThreeDaysBeforeTheEndAndAtTheEnd() throws Exception {
        Member owner = fixtures.workspaceWithOwner();
        Member second = fixtures.agent(owner, "Second Owner");
        access.changeRole(fixtures.grants(owner), second.id(), Role.OWNER);
        Member agent = fixtures.agent(owner, "Agent");
        String name = workspaces.find(owner.workspaceId()).orElseThrow().name();

        cancellations.cancel(fixtures.grants(owner), Fixtures.PASSWORD, name, "127.0.0.1");
        assertThat(SMTP.waitForIncomingEmail(10_000, 2)).isTrue();
        assertThat(subjectsTo(owner.email())).containsExactly("Your Confidant workspace " + name + " was cancelled");
        assertThat(subjectsTo(second.email())).containsExactly("Your Confidant workspace " + name + " was cancelled");

        clock.move(Duration.ofDays(26));
        sweeper.run();
        assertThat(subjectsTo(owner.email())).as("not yet three days before the end").hasSize(1);
        clock.move(Duration.ofDays(2));
        sweeper.run();
        assertThat(SMTP.waitForIncomingEmail(10_000, 4)).isTrue();
        assertThat(subjectsTo(owner.email())).contains("Your Confidant workspace " + name + " will be deleted soon");
        sweeper.run();
        assertThat(subjectsTo(owner.email())).as("warned once").hasSize(2);

        clock.move(Duration.ofDays(3));
        sweeper.run();
        assertThat(SMTP.waitForIncomingEmail(10_000, 6)).isTrue();
        assertThat(subjectsTo(second.email())).hasSize(3).contains("Your Confidant workspace " + name + " was deleted");
        assertThat(subjectsTo(agent.email())).as("members who are not owners").isEmpty();
        for (MimeMessage sent : SMTP.getReceivedMessages()) {
            assertThat(GreenMailUtil.getBody(sent)).doesNotContain(Fixtures.PASSWORD);
        }
        String last = Arrays.stream(SMTP.getReceivedMessages())
            .filter(m -> subject(m).endsWith(" was deleted"))
            .map(GreenMailUtil::getBody)
            .findFirst()
            .orElseThrow();
        assertThat(last).contains("/.well-known/confidant-signing-key");
    }

    private static List<String> subjectsTo(String email) throws MessagingException {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(RecipientType.TO))
                    .anyMatch(a -> a.toString().equalsIgnoreCase(email));
            }
            catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).map(CancellationMailIntegrationTests::subject).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        }
        catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GreenMail startSmtp() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return mail;
    }

}
