package org.confidant.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.confidant.identity.Member;
import org.confidant.shared.Rejected;
import org.confidant.shared.Text;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;

/**
 * Fuzzes identity-token (JWT) checking (docs/fuzzing.md), in the application (the suite's
 * shared context): half the inputs are whole tokens as a client could send them, half are
 * claims the inbox's own key signs, so that the fuzzer reaches the claims after the
 * signature check. A token is either believed, and then its subject, name and email are
 * well-formed, its audience is the inbox and it expires within a day, or refused with
 * {@code identity_invalid} or {@code malformed_text}; never another exception.
 */
@IntegrationTest
class IdentityTokenFuzzIntegrationTests {

    @Autowired
    Fixtures fixtures;

    private static Inbox inbox;

    private static String secret;

    @Autowired
    ApplicationContext context;

    @Autowired
    VisitorIdentityTokens identities;

    @FuzzTest(maxDuration = "5s")
    void identityTokens(FuzzedDataProvider data) throws JOSEException {
        if (inbox == null) {
            Member owner = fixtures.workspaceWithOwner();
            inbox = fixtures.liveInbox(owner, "Fuzzed");
            secret = identities.addSharedSecret(fixtures.grants(owner), inbox.id(), "fz-1").secret();
        }
        String token;
        if (data.consumeBoolean()) {
            token = data.consumeRemainingAsString();
        }
        else {
            JWSObject signed = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("fz-1").build(),
                    new Payload(data.consumeRemainingAsString()));
            signed.sign(new MACSigner(Base64.getUrlDecoder().decode(secret)));
            token = signed.serialize();
        }
        VerifiedIdentity identity;
        try {
            identity = identities.verify(inbox, token);
        }
        catch (Rejected refused) {
            assertThat(refused.code()).isIn("identity_invalid", "malformed_text");
            return;
        }
        assertThat(identity.inboxId()).isEqualTo(inbox.id());
        assertThat(identity.subject()).isNotBlank();
        assertThat(Text.isWellFormed(identity.subject()) && Text.isWellFormed(identity.name())
                && Text.isWellFormed(identity.email()))
            .isTrue();
        assertThat(identity.expiresAt()).isBefore(Instant.now().plus(Duration.ofHours(25)));
    }

}
