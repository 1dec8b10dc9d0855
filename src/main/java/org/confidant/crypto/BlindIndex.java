package org.confidant.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import org.confidant.shared.WorkspaceId;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;

/**
 * Keyed blind indexes for exact-match look-ups on encrypted fields (a contact by email):
 * HMAC-SHA256 of the normalised value under the workspace's own index key, so equal
 * values match within a workspace and nothing can be learned or matched across workspaces
 * without the key. The index key never rotates: that would orphan every index.
 */
@NamedInterface("api")
@Service
public class BlindIndex {

    private static final int LENGTH = 32;

    private final KeyVault vault;

    BlindIndex(KeyVault vault) {
        this.vault = vault;
    }

    /**
     * The index of {@code value} for one purpose (e.g. {@code contact.email}); callers
     * normalise the value first.
     */
    public byte[] of(WorkspaceId workspace, String purpose, String value) {
        try {
            return vault.keysFor(workspace)
                .index()
                .computePrimary((purpose + "\u0000" + value).getBytes(StandardCharsets.UTF_8), LENGTH);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("blind index failed", e);
        }
    }

}
