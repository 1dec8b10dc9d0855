package org.confidant.modularityfixture;

import org.confidant.access.PermissionCatalogue;

/**
 * Uses a public type of the access module that is not in its API: a violation the module
 * check must report.
 */
final class ReachesPastTheApi {

    private ReachesPastTheApi() {
    }

    static Object catalogue() {
        return PermissionCatalogue.markdown();
    }

}
