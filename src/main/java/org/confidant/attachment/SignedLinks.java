package org.confidant.attachment;

import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.confidant.crypto.Signatures;
import org.confidant.shared.Ids;
import org.confidant.shared.WorkspaceId;

/**
 * Download links:
 * {@code /attachments/{id}?w={workspace}&v={viewer}&e={expiry}&s={signature}}, the
 * signature made with the workspace's key over attachment, workspace, viewer and expiry.
 * The viewer is {@code m-<member id>} or {@code
 * c-<contact id>}; nothing in a link is secret but its signature.
 *
 * <p>
 * <b>Download.</b> Only through signed links
 * ({@link org.confidant.attachment.SignedLinks}): minted for a viewer who may see the
 * file now (a member who can read the conversation, or its visitor), valid for a few
 * minutes, signed with the workspace's key over attachment, workspace, viewer and expiry.
 * On use, a member's link also needs that member's own session and their current right to
 * read the conversation. Expired, tampered, foreign, someone else's and deleted all
 * answer the same 404. Files are served as {@code attachment} downloads with an RFC 6266
 * file name, {@code
 * nosniff}, {@code Content-Security-Policy: sandbox} and {@code no-store}.
 */
final class SignedLinks {

    static final String PURPOSE = "attachment.link";

    /** Who a link is for: a member, or the visitor (contact) of the conversation. */
    record Viewer(boolean member, UUID id) {

        String token() {
            return (member ? "m-" : "c-") + id;
        }

        static Optional<Viewer> parse(String token) {
            if (token == null || token.length() < 3 || token.charAt(1) != '-'
                    || (token.charAt(0) != 'm' && token.charAt(0) != 'c')) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Viewer(token.charAt(0) == 'm', Ids.parse(token.substring(2))));
            }
            catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** A link's parts as they came in a request, unchecked. */
    record Presented(String attachment, String workspace, String viewer, String expires, String signature) {
    }

    /** What a link that passed {@link #verify} grants. */
    record Verified(AttachmentId attachment, WorkspaceId workspace, Viewer viewer) {
    }

    private final Signatures signatures;

    SignedLinks(Signatures signatures) {
        this.signatures = signatures;
    }

    AttachmentLink mint(WorkspaceId workspace, AttachmentId attachment, Viewer viewer, Instant expiresAt) {
        long expires = expiresAt.getEpochSecond();
        byte[] signature = signatures.sign(workspace, PURPOSE,
                statement(attachment.toString(), workspace.toString(), viewer.token(), Long.toString(expires)));
        return new AttachmentLink(
                "/attachments/" + attachment + "?w=" + workspace + "&v=" + viewer.token() + "&e=" + expires + "&s="
                        + Base64.getUrlEncoder().withoutPadding().encodeToString(signature),
                Instant.ofEpochSecond(expires));
    }

    /**
     * The link's grant if every part is well formed, it has not expired and its signature
     * is the workspace's.
     */
    Optional<Verified> verify(Presented link, Instant now) {
        try {
            AttachmentId attachment = AttachmentId.of(link.attachment());
            WorkspaceId workspace = new WorkspaceId(Ids.parse(link.workspace()));
            Optional<Viewer> viewer = Viewer.parse(link.viewer());
            long expires = Long.parseLong(link.expires());
            if (viewer.isEmpty() || link.signature() == null || now.getEpochSecond() >= expires) {
                return Optional.empty();
            }
            byte[] signature = Base64.getUrlDecoder().decode(link.signature());
            boolean valid = signatures.verify(workspace, PURPOSE, statement(attachment.toString(), workspace.toString(),
                    viewer.get().token(), Long.toString(expires)), signature);
            return valid ? Optional.of(new Verified(attachment, workspace, viewer.get())) : Optional.empty();
        }
        catch (IllegalArgumentException | NullPointerException malformed) {
            return Optional.empty();
        }
    }

    private static String statement(String attachment, String workspace, String viewer, String expires) {
        return attachment + "|" + workspace + "|" + viewer + "|" + expires;
    }

}
