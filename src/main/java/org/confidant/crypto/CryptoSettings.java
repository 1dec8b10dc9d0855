package org.confidant.crypto;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the keys live.
 *
 * @param keysDirectory the key vault: one wrapped keyset file per workspace (default:
 * {@code keys} in the data folder). Back it up on its own schedule, apart from the
 * database.
 * @param masterKeyFile the master key file (default: {@code keys/master-key.json} in the
 * data folder). Store it apart from the database and the backups.
 * @param masterKeyEnvironment the environment variable that may hold the master key
 * instead of the file
 * @param nextMasterKeyEnvironment the variable holding the new master key while rotating
 * an environment-held key
 * @param ledgerDirectory the erasure ledger (default: {@code keys/ledger} in the data
 * folder). Keep it apart from the backups, like the master key: a restore merges it
 * rather than replacing it.
 */
@ConfigurationProperties("confidant.crypto")
public record CryptoSettings(Path keysDirectory, Path masterKeyFile, String masterKeyEnvironment,
        String nextMasterKeyEnvironment, Path ledgerDirectory) {
}
