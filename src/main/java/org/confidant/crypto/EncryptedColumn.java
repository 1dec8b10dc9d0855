package org.confidant.crypto;

import org.springframework.modulith.NamedInterface;

/**
 * A database column that holds ciphertexts; part of every ciphertext's associated data.
 */
@NamedInterface("api")
public record EncryptedColumn(String table, String column) {

    public EncryptedColumn {
        if (!table.matches("[a-z_]+") || !column.matches("[a-z_]+")) {
            throw new IllegalArgumentException("table and column are lower-case SQL names");
        }
    }
}
