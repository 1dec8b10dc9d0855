package org.confidant.identity;

import org.confidant.system.PublicUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On a fresh data folder, prints the one-time link that lets the first person create a
 * workspace and its owner. There is no default password anywhere: without this link
 * nobody can get in. Each start issues a new link and voids the previous one, until the
 * deployment is set up.
 */
@Component
@ConditionalOnWebApplication
class SetupLinkAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(SetupLinkAnnouncer.class);

    private final AccountManagement accounts;

    private final PublicUrl publicUrl;

    SetupLinkAnnouncer(AccountManagement accounts, PublicUrl publicUrl) {
        this.accounts = accounts;
        this.publicUrl = publicUrl;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        accounts.issueSetupLinkIfNeeded().ifPresent(token -> {
            String base = publicUrl.configured().orElseGet(() -> onLoopback(publicUrl.base()));
            log.warn("""

                    ==============================================================================
                      Confidant is not set up yet. Open this one-time link to create the first
                      workspace and its owner (it works once and expires in {} minutes):

                      {}/setup?token={}
                    ==============================================================================
                    """, AccountManagement.SETUP_LINK_LIFETIME.toMinutes(), base, token);
        });
    }

    /**
     * A local trial's address as people should open it: {@code localhost} rather than a
     * loopback address, since passkeys refuse an IP address (the relying party of a local
     * trial is {@code localhost}); any other address as it is.
     */
    static String onLoopback(String base) {
        return base.replaceFirst("^(https?)://(127\\.0\\.0\\.1|\\[::1\\]):", "$1://localhost:");
    }

}
