package org.confidant.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.confidant.inbox.IdentityTokenTestSamples.claims;
import static org.confidant.inbox.IdentityTokenTestSamples.ec;
import static org.confidant.inbox.IdentityTokenTestSamples.es256;
import static org.confidant.inbox.IdentityTokenTestSamples.hs256;
import static org.confidant.inbox.IdentityTokenTestSamples.pem;
import static org.confidant.inbox.IdentityTokenTestSamples.rs256;
import static org.confidant.inbox.IdentityTokenTestSamples.sign;
import static org.confidant.inbox.IdentityTokenTestSamples.with;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.confidant.access.Grants;
import org.confidant.identity.Member;
import org.confidant.shared.Forbidden;
import org.confidant.shared.NotFound;
import org.confidant.shared.Rejected;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import org.confidant.Fixtures;
import org.confidant.IntegrationTest;

/**
 * Identity tokens attacked: forged, tampered, re-targeted, expired, over-long, unsigned
 * and algorithm-confused tokens prove nothing; keys are checked when registered and
 * rotate by kid. (The widget's side of it is in {@code VerifiedVisitorIntegrationTests}.)
 */
@IntegrationTest
class VisitorIdentityTokensIntegrationTests {

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationContext context;

    @Autowired
    VisitorIdentityTokens identities;

    @Autowired
    InboxManagement inboxes;

    private Member owner;

    private Grants admin;

    private Inbox inbox;

    private String secret;

    private final KeyPair rsa = IdentityTokenTestSamples.rsa(2048);

    private final KeyPair ec = ec("secp256r1");

    @BeforeEach
    void inboxWithKeys() {
        owner = fixtures.workspaceWithOwner();
        admin = fixtures.grants(owner);
        inbox = inboxes.create(admin, "shop.example");
        secret = identities.addSharedSecret(admin, inbox.id(), "hs-1").secret();
        identities.addPublicKey(admin, inbox.id(), "rs-1", pem(rsa));
        identities.addPublicKey(admin, inbox.id(), "es-1", pem(ec));
    }

    @Test
    void tokensSignedWithEachKindOfRegisteredKeyAreBelieved() {
        JWTClaimsSet claims = claims(inbox.id().toString(), "customer-42").build();
        for (String token : List.of(hs256(secret, "hs-1", claims), rs256(rsa, "rs-1", claims),
                es256(ec, "es-1", claims))) {
            VerifiedIdentity identity = identities.verify(inbox, token);
            assertThat(identity.subject()).isEqualTo("customer-42");
            assertThat(identity.email()).isEqualTo("grace@example.com");
            assertThat(identity.inboxId()).isEqualTo(inbox.id());
        }
    }

    @Test
    void forgedTamperedRetargetedAndExpiredTokensProveNothing() throws Exception {
        String aud = inbox.id().toString();
        JWTClaimsSet good = claims(aud, "customer-42").build();
        String valid = hs256(secret, "hs-1", good);
        String[] parts = valid.split("\\.");
        String otherSubject = Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("customer-42", "customer-1")
                .getBytes(StandardCharsets.UTF_8));
        String anotherSecret = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        Inbox otherInbox = inboxes.create(admin, "other.example");
        Member stranger = fixtures.workspaceWithOwner();
        Inbox strangersInbox = inboxes.create(fixtures.grants(stranger), "stranger.example");
        String strangersSecret = identities.addSharedSecret(fixtures.grants(stranger), strangersInbox.id(), "hs-1")
            .secret();

        Map<String, String> attacks = new LinkedHashMap<>();
        attacks.put("unsigned (alg none)", base64Json("{\"alg\":\"none\",\"kid\":\"hs-1\"}") + "." + parts[1] + ".");
        attacks.put("payload changed after signing", parts[0] + "." + otherSubject + "." + parts[2]);
        attacks.put("signature stripped", parts[0] + "." + parts[1] + ".");
        attacks.put("signed with another secret", hs256(anotherSecret, "hs-1", good));
        attacks.put("signed by another workspace's key of the same kid", hs256(strangersSecret, "hs-1", good));
        attacks.put("HS256 keyed with the RSA public key (algorithm confusion)",
                sign(IdentityTokenTestSamples.mac(pem(rsa).getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256,
                        "rs-1", good));
        attacks.put("RS256 token naming the HS256 key", rs256(rsa, "hs-1", good));
        attacks.put("HS384", sign(IdentityTokenTestSamples.mac(Base64.getUrlDecoder().decode(secret + secret)),
                JWSAlgorithm.HS384, "hs-1", good));
        attacks.put("unknown kid", hs256(secret, "hs-9", good));
        attacks.put("no kid", sign(IdentityTokenTestSamples.mac(Base64.getUrlDecoder().decode(secret)),
                new JWSHeader(JWSAlgorithm.HS256), good));
        attacks.put("expired", hs256(secret, "hs-1",
                with(claims(aud, "c"), b -> b.expirationTime(Date.from(Instant.now().minusSeconds(120))))));
        attacks.put("expiring in 25 hours", hs256(secret, "hs-1",
                with(claims(aud, "c"), b -> b.expirationTime(Date.from(Instant.now().plusSeconds(25 * 3600))))));
        attacks.put("no exp", hs256(secret, "hs-1", with(claims(aud, "c"), b -> b.expirationTime(null))));
        attacks.put("not valid before tomorrow", hs256(secret, "hs-1",
                with(claims(aud, "c"), b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(86_400))))));
        attacks.put("for another inbox", hs256(secret, "hs-1", claims(otherInbox.id().toString(), "c").build()));
        attacks.put("no aud", hs256(secret, "hs-1", with(claims(aud, "c"), b -> b.audience((String) null))));
        attacks.put("no sub", hs256(secret, "hs-1", with(claims(aud, "c"), b -> b.subject(null))));
        attacks.put("sub with control characters", hs256(secret, "hs-1", claims(aud, "a\u0000b").build()));
        attacks.put("over 8 KiB", hs256(secret, "hs-1", with(claims(aud, "c"), b -> b.claim("pad", "x".repeat(9000)))));
        attacks.put("not a JWT", "hello");

        for (Map.Entry<String, String> attack : attacks.entrySet()) {
            assertThatThrownBy(() -> identities.verify(inbox, attack.getValue())).as(attack.getKey())
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.code()).isEqualTo("identity_invalid"));
        }
        assertThat(identities.verify(inbox, valid).subject()).as("the untouched token").isEqualTo("customer-42");
        System.out.printf("identity tokens: %d attacks, 0 believed%n", attacks.size());
    }

    @Test
    void keysRotateByKidAndARetiredKeyVerifiesNothing() {
        JWTClaimsSet claims = claims(inbox.id().toString(), "customer-7").build();
        String next = identities.addSharedSecret(admin, inbox.id(), "hs-2").secret();
        String old = hs256(secret, "hs-1", claims);
        IdentityKey first = identities.keys(admin, inbox.id())
            .stream()
            .filter(k -> k.kid().equals("hs-1"))
            .findFirst()
            .orElseThrow();
        identities.retire(admin, inbox.id(), first.id());
        assertThatThrownBy(() -> identities.verify(inbox, old)).isInstanceOf(Rejected.class);
        assertThat(identities.verify(inbox, hs256(next, "hs-2", claims)).subject()).isEqualTo("customer-7");
    }

    @Test
    void badKeysAndOtherPeoplesInboxesAreRefusedAndNothingIsStored() {
        int before = identities.keys(admin, inbox.id()).size();
        Map<String, Runnable> refusals = new LinkedHashMap<>();
        refusals.put("RSA of 1024 bits",
                () -> identities.addPublicKey(admin, inbox.id(), "weak", pem(IdentityTokenTestSamples.rsa(1024))));
        refusals.put("EC on P-384", () -> identities.addPublicKey(admin, inbox.id(), "p384", pem(ec("secp384r1"))));
        refusals.put("not a key", () -> identities.addPublicKey(admin, inbox.id(), "junk",
                "-----BEGIN PUBLIC KEY-----\n" + "bm90IGEga2V5\n-----END PUBLIC KEY-----"));
        refusals.put("not base64", () -> identities.addPublicKey(admin, inbox.id(), "junk", "%%%"));
        refusals.put("kid with a space", () -> identities.addSharedSecret(admin, inbox.id(), "a b"));
        refusals.put("kid too long", () -> identities.addSharedSecret(admin, inbox.id(), "k".repeat(65)));
        refusals.put("kid taken", () -> identities.addSharedSecret(admin, inbox.id(), "hs-1"));
        refusals.put("required without a key", () -> {
            Inbox bare = inboxes.create(admin, "bare.example");
            identities.setRequired(admin, bare.id(), true);
        });
        refusals.forEach((what, attempt) -> assertThatThrownBy(attempt::run).as(what).isInstanceOf(Rejected.class));
        assertThat(identities.keys(admin, inbox.id())).hasSize(before);

        Member agent = fixtures.agent(owner, "Agent");
        assertThatThrownBy(() -> identities.addSharedSecret(fixtures.grants(agent), inbox.id(), "x"))
            .isInstanceOf(Forbidden.class);
        Member stranger = fixtures.workspaceWithOwner();
        Grants strangerGrants = fixtures.grants(stranger);
        assertThatThrownBy(() -> identities.keys(strangerGrants, inbox.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> identities.addSharedSecret(strangerGrants, inbox.id(), "x"))
            .isInstanceOf(NotFound.class);
        assertThat(identities.keys(admin, inbox.id())).hasSize(before);
    }

    private static String base64Json(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

}
