package org.confidant.privacy;

import org.springframework.modulith.NamedInterface;

/**
 * Where an inbox's widget keeps the visitor's token: in the chat frame's own storage on
 * Confidant's origin, so that the chat survives a reload (the default), or in memory
 * only, so that the chat lasts as long as the tab and nothing is stored in the browser.
 */
@NamedInterface("api")
public enum VisitorStorage {

    BROWSER, MEMORY

}
