package org.confidant.widget;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.confidant.crypto.Signatures;
import org.confidant.shared.ContactId;
import org.confidant.shared.InboxId;
import org.confidant.shared.WorkspaceId;
import org.springframework.stereotype.Component;

/**
 * Visitor tokens: {@code v1.<payload>.<signature>}, each part base64url without padding,
 * 154 characters in all. The payload is 80 bytes: the session id, workspace, inbox and
 * contact (16 bytes each), then issued-at and expires-at (seconds since the epoch, 8
 * bytes each, big-endian). The signature is the workspace's HMAC-SHA256
 * ({@link Signatures}, purpose {@value #PURPOSE}) over the text {@code v1.<payload>}: a
 * token is worth nothing in another workspace, and shredding the workspace's keys voids
 * it.
 *
 * <p>
 * Reading is strict and happens before any look-up: the exact length and alphabet, both
 * parts in their one canonical encoding, then the signature under the key of the
 * workspace the payload names. Whether the token has expired and whether its session
 * still exists is for {@link VisitorSessions} to decide.
 */
@Component
class VisitorTokens {

    static final String PURPOSE = "visitor.token";

    private static final String VERSION = "v1.";

    private static final int PAYLOAD_BYTES = 80;

    private static final Pattern SHAPE = Pattern.compile("v1\\.[A-Za-z0-9_-]{107}\\.[A-Za-z0-9_-]{43}");

    /** The one length a token has. */
    static final int LENGTH = 154;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What a token says. Times are whole seconds. */
    record Claims(UUID session, WorkspaceId workspace, InboxId inbox, ContactId contact, Instant issuedAt,
            Instant expiresAt) {
    }

    private final Signatures signatures;

    VisitorTokens(Signatures signatures) {
        this.signatures = signatures;
    }

    String mint(Claims claims) {
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES);
        for (UUID id : new UUID[] { claims.session(), claims.workspace().value(), claims.inbox().value(),
                claims.contact().value() }) {
            payload.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        }
        payload.putLong(claims.issuedAt().getEpochSecond()).putLong(claims.expiresAt().getEpochSecond());
        String signed = VERSION + ENCODER.encodeToString(payload.array());
        return signed + "." + ENCODER.encodeToString(signatures.sign(claims.workspace(), PURPOSE, signed));
    }

    /**
     * What the token says, if it is a well-formed token its workspace signed (expired
     * ones included) and that workspace is {@code workspace}; null accepts any workspace
     * (the token then chooses which key checks it). A token of another workspace is not
     * checked at all: the caller may be acting in its own.
     */
    Optional<Claims> verify(String token, WorkspaceId workspace) {
        if (token == null || token.length() != LENGTH || !SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        String signed = token.substring(0, LENGTH - 44);
        Optional<byte[]> payload = canonical(signed.substring(VERSION.length()));
        Optional<byte[]> signature = canonical(token.substring(LENGTH - 43));
        if (payload.isEmpty() || signature.isEmpty()) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(payload.get());
        UUID session = new UUID(in.getLong(), in.getLong());
        WorkspaceId named = new WorkspaceId(new UUID(in.getLong(), in.getLong()));
        InboxId inbox = new InboxId(new UUID(in.getLong(), in.getLong()));
        ContactId contact = new ContactId(new UUID(in.getLong(), in.getLong()));
        long issuedAt = in.getLong();
        long expiresAt = in.getLong();
        if (issuedAt < 0 || expiresAt < issuedAt || expiresAt > Instant.MAX.getEpochSecond()
                || (workspace != null && !workspace.equals(named))
                || !signatures.verify(named, PURPOSE, signed, signature.get())) {
            return Optional.empty();
        }
        return Optional.of(new Claims(session, named, inbox, contact, Instant.ofEpochSecond(issuedAt),
                Instant.ofEpochSecond(expiresAt)));
    }

    /**
     * The bytes of a base64url text that is their one encoding (no stray low bits in its
     * last character).
     */
    private static Optional<byte[]> canonical(String text) {
        try {
            byte[] bytes = DECODER.decode(text);
            return ENCODER.encodeToString(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

}
