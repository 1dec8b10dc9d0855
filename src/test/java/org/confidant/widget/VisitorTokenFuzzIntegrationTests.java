package org.confidant.widget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.confidant.identity.Member;
import org.confidant.shared.ContactId;
import org.confidant.shared.InboxId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;

/**
 * Fuzzes visitor-token parsing (docs/fuzzing.md), in the application (the suite's shared
 * context): a text is believed only if it is, character for character, the token the
 * workspace signed; every other text, including every edit of the genuine token, is
 * nothing at all (never an exception).
 */
@IntegrationTest
class VisitorTokenFuzzIntegrationTests {

    @Autowired
    Fixtures fixtures;

    private static String genuine;

    @Autowired
    ApplicationContext context;

    @Autowired
    VisitorTokens tokens;

    @FuzzTest(maxDuration = "5s")
    void visitorTokens(FuzzedDataProvider data) {
        if (genuine == null) {
            Member owner = fixtures.workspaceWithOwner();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            genuine = tokens.mint(new VisitorTokens.Claims(UUID.randomUUID(), owner.workspaceId(), InboxId.random(),
                    ContactId.random(), now, now.plusSeconds(3600)));
        }
        String candidate;
        if (data.consumeBoolean()) {
            StringBuilder edited = new StringBuilder(genuine);
            int edits = data.consumeInt(1, 4);
            for (int i = 0; i < edits; i++) {
                int at = data.consumeInt(0, edited.length() - 1);
                edited.setCharAt(at, data.consumeChar());
            }
            candidate = edited.toString();
        }
        else {
            candidate = data.consumeRemainingAsString();
        }
        assertThat(tokens.verify(candidate, null).isPresent()).as("believed: %s", candidate)
            .isEqualTo(candidate.equals(genuine));
    }

}
