package org.confidant.crypto;

import org.springframework.modulith.NamedInterface;

/**
 * A ciphertext that does not decrypt: tampered with, copied from another row or
 * workspace, under a key that is unknown or destroyed. Never answered with garbage or
 * empty text.
 */
@NamedInterface("api")
public class IntegrityException extends RuntimeException {

    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }

}
