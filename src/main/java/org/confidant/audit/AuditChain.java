package org.confidant.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import org.confidant.crypto.BlindIndex;
import org.springframework.stereotype.Component;

/**
 * The hash of an entry: HMAC-SHA256 under the workspace's own index key (kept in the key
 * vault, never in the database) of a canonical encoding of every field and the previous
 * hash. Each field is written as its length and its UTF-8 bytes, so no two different
 * entries encode alike. Someone holding only the database cannot compute a valid hash for
 * an edited, inserted or re-ordered entry.
 */
@Component
class AuditChain {

    /** The previous hash of a workspace's first entry. */
    static final byte[] GENESIS = new byte[32];

    private static final String PURPOSE = "audit.chain.v1";

    private final BlindIndex keyedHash;

    AuditChain(BlindIndex keyedHash) {
        this.keyedHash = keyedHash;
    }

    byte[] hash(AuditEntry entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        field(out, entry.workspaceId().toString());
        field(out, Long.toString(entry.sequence()));
        field(out, Long.toString(entry.at().getEpochSecond() * 1_000_000L + entry.at().getNano() / 1_000));
        field(out, entry.actor().kind().name());
        field(out, entry.actor().id());
        field(out, entry.actor().label());
        field(out, entry.action());
        field(out, entry.target());
        field(out, entry.outcome().name());
        field(out, entry.sourceIp());
        field(out, entry.userAgent());
        field(out, entry.details());
        field(out, HexFormat.of().formatHex(entry.prevHash()));
        return keyedHash.of(entry.workspaceId(), PURPOSE, Base64.getEncoder().encodeToString(out.toByteArray()));
    }

    private static void field(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

}
