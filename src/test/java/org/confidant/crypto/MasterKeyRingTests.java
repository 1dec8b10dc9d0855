package org.confidant.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.confidant.shared.WorkspaceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * The master key held in the environment: accepted as JSON or base64, checked, and
 * rotated through "next".
 */
class MasterKeyRingTests {

    private static final EncryptedColumn COLUMN = new EncryptedColumn("message", "body");

    @TempDir
    Path keys;

    CryptoSettings settings() {
        return new CryptoSettings(keys, keys.resolve("master-key.json"), "MASTER", "NEXT", keys.resolve("ledger"));
    }

    @Test
    void aKeyInTheEnvironmentIsUsedAsJsonOrBase64AndNoKeyFileIsWritten() {
        String json = LocalMasterKey.generate().toJson();
        String base64 = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        KeyFiles files = new KeyFiles(keys);

        MasterKeyRing fromJson = MasterKeyRing.local(settings(), Map.of("MASTER", json), files);
        MasterKeyRing fromBase64 = MasterKeyRing.local(settings(), Map.of("MASTER", base64), files);

        assertThat(fromJson.source()).isEqualTo("environment");
        assertThat(fromBase64.current().id()).isEqualTo(fromJson.current().id());
        assertThat(keys.resolve("master-key.json")).doesNotExist();
        assertThat(keys.resolve("master-key.check")).exists();
    }

    @Test
    void anotherKeyInTheEnvironmentIsRefused() {
        KeyFiles files = new KeyFiles(keys);
        MasterKeyRing.local(settings(), Map.of("MASTER", LocalMasterKey.generate().toJson()), files);

        assertThatThrownBy(
                () -> MasterKeyRing.local(settings(), Map.of("MASTER", LocalMasterKey.generate().toJson()), files))
            .isInstanceOf(MasterKeyException.class)
            .hasMessageContaining("$MASTER")
            .hasMessageNotContaining("{");
        assertThatThrownBy(() -> MasterKeyRing.local(settings(), Map.of("MASTER", "%%%"), files))
            .isInstanceOf(MasterKeyException.class)
            .hasMessageContaining("neither");
    }

    @Test
    void rotatingAnEnvironmentKeyRewrapsUnderTheNextOneAndTheNextOneAloneOpensEverythingAfterwards() {
        String current = LocalMasterKey.generate().toJson();
        String next = LocalMasterKey.generate().toJson();
        KeyFiles files = new KeyFiles(keys);
        WorkspaceId workspace = WorkspaceId.random();
        MasterKeyRing ring = MasterKeyRing.local(settings(), Map.of("MASTER", current, "NEXT", next), files);
        KeyVault vault = new KeyVault(files, ring);
        FieldEncryption encryption = new FieldEncryption(vault);
        byte[] ciphertext = encryption.encrypt(workspace, COLUMN, "row-1", "kept across the rotation");

        List<Object> published = new ArrayList<>();
        KeyAdministration administration = new KeyAdministration(vault, files, ring, settings(), encryption,
                new StaticListableBeanFactory().getBeanProvider(EncryptedRecords.class), published::add,
                new ErasureLedger(keys.resolve("ledger"), vault, Clock.systemUTC()));
        assertThat(administration.rotateMasterKey()).isEqualTo(1);
        assertThat(published).as("the rotation is announced for the workspace's audit log")
            .containsExactly(new KeyRotated(workspace, KeyRotated.Kind.MASTER, ring.current().id()));

        MasterKeyRing afterSwap = MasterKeyRing.local(settings(), Map.of("MASTER", next), new KeyFiles(keys));
        FieldEncryption reloaded = new FieldEncryption(new KeyVault(new KeyFiles(keys), afterSwap));
        assertThat(reloaded.decrypt(workspace, COLUMN, "row-1", ciphertext)).isEqualTo("kept across the rotation");
        assertThatThrownBy(() -> MasterKeyRing.local(settings(), Map.of("MASTER", current), new KeyFiles(keys)))
            .isInstanceOf(MasterKeyException.class);
    }

}
