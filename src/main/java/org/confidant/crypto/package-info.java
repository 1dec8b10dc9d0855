/**
 * Encryption at rest: the key hierarchy (a master key from a file, the environment or a
 * KMS through the {@link org.confidant.crypto.spi.MasterKey} SPI, wrapping each
 * workspace's data and index keysets in the key vault; see
 * {@link org.confidant.crypto.KeyVault}), field encryption bound to its workspace, table,
 * column and row ({@link org.confidant.crypto.FieldEncryption}), blind indexes and
 * signatures under each workspace's keys, the deployment's own keyset for secrets of
 * accounts, rotation and crypto-shredding
 * ({@link org.confidant.crypto.KeyAdministration}). Modules declare what they store
 * encrypted as {@link org.confidant.crypto.EncryptedTable}s and take part in
 * re-encryption through {@link org.confidant.crypto.EncryptedRecords}; the database holds
 * no key material.
 */
@ApplicationModule(displayName = "Encryption at rest", allowedDependencies = { "tenancy::api" })
@NullMarked
package org.confidant.crypto;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
