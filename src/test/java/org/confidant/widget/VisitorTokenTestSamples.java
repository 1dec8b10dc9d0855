package org.confidant.widget;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.confidant.shared.ContactId;
import org.confidant.shared.InboxId;
import org.confidant.shared.WorkspaceId;
import org.springframework.context.ApplicationContext;

/**
 * Reading and forging visitor tokens in tests, by the format {@link VisitorTokens}
 * documents: what a token says (without checking it), and tokens signed with a
 * workspace's real key that say whatever a test wants.
 */
public final class VisitorTokenTestSamples {

    /** What a token says, read without any check. */
    public record Said(UUID session, WorkspaceId workspace, InboxId inbox, ContactId contact, Instant issuedAt,
            Instant expiresAt) {

        public Said withSession(UUID other) {
            return new Said(other, workspace, inbox, contact, issuedAt, expiresAt);
        }

        public Said withWorkspace(WorkspaceId other) {
            return new Said(session, other, inbox, contact, issuedAt, expiresAt);
        }

        public Said withInbox(InboxId other) {
            return new Said(session, workspace, other, contact, issuedAt, expiresAt);
        }

        public Said withContact(ContactId other) {
            return new Said(session, workspace, inbox, other, issuedAt, expiresAt);
        }

        public Said withTimes(Instant issued, Instant expires) {
            return new Said(session, workspace, inbox, contact, issued, expires);
        }
    }

    private VisitorTokenTestSamples() {
    }

    public static Said read(String token) {
        ByteBuffer in = ByteBuffer.wrap(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return new Said(new UUID(in.getLong(), in.getLong()), new WorkspaceId(new UUID(in.getLong(), in.getLong())),
                new InboxId(new UUID(in.getLong(), in.getLong())), new ContactId(new UUID(in.getLong(), in.getLong())),
                Instant.ofEpochSecond(in.getLong()), Instant.ofEpochSecond(in.getLong()));
    }

    public static ContactId contactOf(String token) {
        return read(token).contact();
    }

    /**
     * A token saying {@code said}, signed with the key of the workspace it names: as
     * genuine as a forgery can be.
     */
    public static String signed(ApplicationContext context, Said said) {
        return context.getBean(VisitorTokens.class)
            .mint(new VisitorTokens.Claims(said.session(), said.workspace(), said.inbox(), said.contact(),
                    said.issuedAt(), said.expiresAt()));
    }

    /**
     * The token with its payload replaced by {@code said} and its signature kept: a
     * tampered token.
     */
    public static String tampered(String token, Said said) {
        ByteBuffer payload = ByteBuffer.allocate(80);
        for (UUID id : new UUID[] { said.session(), said.workspace().value(), said.inbox().value(),
                said.contact().value() }) {
            payload.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        }
        payload.putLong(said.issuedAt().getEpochSecond()).putLong(said.expiresAt().getEpochSecond());
        String[] parts = token.split("\\.");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.array()) + "."
                + parts[2];
    }

}
