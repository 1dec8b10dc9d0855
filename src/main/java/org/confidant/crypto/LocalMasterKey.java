package org.confidant.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import org.confidant.crypto.spi.MasterKey;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * A master key held locally: a Tink AES-256-GCM keyset in JSON, from the key file or an
 * environment variable.
 */
final class LocalMasterKey implements MasterKey {

    static {
        TinkPrimitives.ensureRegistered();
    }

    private final KeysetHandle keyset;

    private final Aead aead;

    private LocalMasterKey(KeysetHandle keyset) throws GeneralSecurityException {
        this.keyset = keyset;
        this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    static LocalMasterKey generate() {
        try {
            return new LocalMasterKey(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a master key", e);
        }
    }

    /**
     * Reads a master key: the keyset's JSON, or that JSON in base64 (handy in environment
     * variables). Anything else stops with a message that names where the key came from,
     * never the key.
     */
    static LocalMasterKey parse(String text, String source) {
        String json = text.strip();
        if (!json.startsWith("{")) {
            try {
                json = new String(Base64.getDecoder().decode(json), StandardCharsets.UTF_8);
            }
            catch (IllegalArgumentException e) {
                throw new MasterKeyException(
                        "The master key in " + source + " is neither a Tink JSON keyset nor base64 of one.");
            }
        }
        try {
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
            if (!(handle.getPrimary().getKey() instanceof AesGcmKey key)
                    || key.getParameters().getKeySizeBytes() != 32) {
                throw new MasterKeyException("The master key in " + source + " is not an AES-256-GCM keyset.");
            }
            return new LocalMasterKey(handle);
        }
        catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof MasterKeyException known) {
                throw known;
            }
            throw new MasterKeyException("The master key in " + source + " is corrupt: it is not a valid Tink keyset.");
        }
    }

    String toJson() {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String id() {
        return "local:" + Integer.toUnsignedString(keyset.getPrimary().getId(), 16);
    }

    @Override
    public Aead aead() {
        return aead;
    }

}
