package org.confidant.crypto.spi;

import com.google.crypto.tink.Aead;

/**
 * The root of the key hierarchy: wraps and unwraps workspace keysets, nothing else.
 * Confidant ships a local implementation (key file or environment variable); a cloud KMS
 * plugs in as a Spring bean implementing this interface, typically returning the
 * {@link Aead} of a Tink KMS client for one key URI (see the README). Such a client makes
 * its own connections, to the key service the operator configured, outside the egress
 * gate: the flow {@code crypto.kms} of {@code docs/data-flows.md}, the operator's choice
 * by installing the plug-in.
 */
public interface MasterKey {

    /**
     * A stable, non-secret name of this key (written next to what it wraps, so rotation
     * knows which key to use).
     */
    String id();

    /** The AEAD that wraps workspace keysets. */
    Aead aead();

}
