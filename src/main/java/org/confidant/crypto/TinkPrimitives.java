package org.confidant.crypto;

import java.security.GeneralSecurityException;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.prf.PrfConfig;

/** Registers the Tink primitives Confidant uses (AEAD and PRF), once, before any key is made or read. */
final class TinkPrimitives {

    static {
        try {
            AeadConfig.register();
            PrfConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TinkPrimitives() {
    }

    /** Does nothing but make sure the registration above has run. */
    static void ensureRegistered() {
        // the static initialiser does the work
    }
}
