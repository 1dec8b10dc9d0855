package org.confidant.crypto;

/**
 * The master key is missing, wrong or corrupt: Confidant stops before it reads or writes
 * any data.
 */
public class MasterKeyException extends RuntimeException {

    public MasterKeyException(String message) {
        super(message, null, false, false);
    }

}
