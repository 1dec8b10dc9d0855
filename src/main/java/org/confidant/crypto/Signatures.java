package org.confidant.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;

/**
 * Signs short statements a workspace hands out and must recognise later (a signed
 * download link): HMAC-SHA256 under the workspace's own keyed PRF (Tink), over
 * {@code "signature", purpose, statement}. Blind indexes use the same key over
 * {@code purpose, value} with purposes that are never {@code "signature"}, so the two
 * never produce the same input. A signature of one workspace is worthless in another, and
 * crypto-shredding a workspace voids all of its signatures.
 */
@NamedInterface("api")
@Service
public class Signatures {

    private static final int LENGTH = 32;

    private final KeyVault vault;

    Signatures(KeyVault vault) {
        this.vault = vault;
    }

    /**
     * The signature of {@code statement} for one purpose (for example
     * {@code attachment.link}).
     */
    public byte[] sign(WorkspaceId workspace, String purpose, String statement) {
        try {
            return vault.keysFor(workspace).index().computePrimary(input(purpose, statement), LENGTH);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /**
     * Whether {@code signature} is the signature of {@code statement}, compared in
     * constant time. A workspace without keys (unknown or shredded) verifies nothing.
     */
    public boolean verify(WorkspaceId workspace, String purpose, String statement, byte[] signature) {
        if (signature == null || signature.length != LENGTH) {
            return false;
        }
        try {
            byte[] expected = vault.existingKeysFor(workspace)
                .index()
                .computePrimary(input(purpose, statement), LENGTH);
            return MessageDigest.isEqual(expected, signature);
        }
        catch (GeneralSecurityException | IntegrityException e) {
            return false;
        }
    }

    private static byte[] input(String purpose, String statement) {
        return ("signature\u0000" + purpose + "\u0000" + statement).getBytes(StandardCharsets.UTF_8);
    }

}
