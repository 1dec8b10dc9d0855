package org.confidant.privacy;

import org.springframework.modulith.NamedInterface;

/**
 * Whether an inbox's widget asks for consent before anything about the visitor is kept:
 * not at all (the default), until the visitor accepts the notice, or until they accept it
 * or start writing (implied consent).
 */
@NamedInterface("api")
public enum ConsentMode {

    OFF, EXPLICIT, IMPLIED

}
