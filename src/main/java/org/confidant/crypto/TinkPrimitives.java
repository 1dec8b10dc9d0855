package org.confidant.crypto;

import java.security.GeneralSecurityException;
import java.security.Security;

import org.conscrypt.Conscrypt;
import org.slf4j.LoggerFactory;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.signature.SignatureConfig;

/**
 * Registers the Tink primitives Confidant uses (AEAD, PRF and signatures), once, before
 * any key is made or read, and Conscrypt as a JCE provider of the lowest priority (TLS
 * and everything else keep the JDK's own providers).
 *
 * <p>
 * Why Conscrypt: Tink keeps one {@code SecureRandom} per thread and, without a registered
 * Conscrypt provider, makes each one by asking the class loader for Conscrypt first.
 * Requests and socket frames run on virtual threads, so that failed class lookup (a walk
 * of the whole class path) happened for every message encrypted: 54% of the CPU time of a
 * widget's first frame in a profile of {@code bench/run --scenarios idle} (see
 * BENCHMARKS.md). Where Conscrypt's native library cannot load, Tink falls back to the
 * JDK's providers and the slower path, and the log says so.
 */
final class TinkPrimitives {

    static {
        if (Security.getProvider("Conscrypt") == null) {
            try {
                Security.addProvider(Conscrypt.newProvider());
            }
            catch (RuntimeException | LinkageError unavailable) {
                LoggerFactory.getLogger(TinkPrimitives.class)
                    .warn("Conscrypt is not available on this platform ({}); encryption uses the JDK's providers",
                            unavailable.toString());
            }
        }
        try {
            AeadConfig.register();
            PrfConfig.register();
            SignatureConfig.register();
        }
        catch (GeneralSecurityException e) {
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
