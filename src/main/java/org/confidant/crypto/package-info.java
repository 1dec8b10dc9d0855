/**
 * Encryption at rest: the key hierarchy, field encryption, blind indexes, rotation and crypto-shredding.
 *
 * <p><b>Hierarchy.</b> A <em>master key</em> (a Tink AES-256-GCM keyset) comes from a key file that the first start
 * creates with owner-only permissions, from an environment variable, or from a KMS through the
 * {@link org.confidant.crypto.spi.MasterKey} SPI. It never encrypts data: it only wraps each workspace's keys. Every
 * workspace has its own <em>data keyset</em> (AES-256-GCM, for field encryption) and <em>index keyset</em>
 * (HMAC-SHA256 PRF, for blind indexes), kept in the key vault (one file per workspace in the keys folder), wrapped by
 * the master key with the workspace id as associated data. The database holds no key material at all, so a copy of
 * the database (a backup) is useless without the vault and the master key.
 *
 * <p><b>Binding.</b> {@link org.confidant.crypto.FieldEncryption} binds every ciphertext, through associated data, to
 * its workspace, table, column and row: a ciphertext copied to another row, column or workspace fails to decrypt.
 * Failures are {@link org.confidant.crypto.IntegrityException}s, never garbage or empty text.
 *
 * <p><b>Rotation and shredding.</b> {@link org.confidant.crypto.KeyAdministration} re-wraps every workspace's keys
 * under a new master key (no data is rewritten), adds a new primary key to a workspace's data keyset (old data stays
 * readable; an optional re-encryption moves it to the new key), reports which keys protect how many records, and
 * destroys a workspace's keys (crypto-shredding), which makes every copy of its data unreadable, backups included.
 * Modules that store ciphertexts take part in re-encryption and status by implementing
 * {@link org.confidant.crypto.EncryptedRecords}.
 *
 * <p>Depends on {@code shared}, and on {@code tenancy} for the key status, which reads every workspace.
 */
package org.confidant.crypto;
