package org.confidant.alert;

import java.time.Instant;

import org.confidant.shared.WorkspaceId;
import org.confidant.tenancy.Tenancy;
import org.springframework.context.ApplicationContext;

/**
 * Alert channels for tests that need one to exist, whatever the egress allowlist of the
 * test's application says (the shared one allows no host).
 */
public final class AlertTestSamples {

    private AlertTestSamples() {
    }

    /**
     * Stores a webhook channel without the checks of saving it, as one saved before the
     * operator took its host off the allowlist.
     */
    public static AlertChannelId storedWebhook(ApplicationContext context, WorkspaceId workspace, ChannelKind kind,
            String url) {
        AlertChannel channel = new AlertChannel(AlertChannelId.random(), workspace, kind,
                AlertChannels.shown(kind, url), Instant.now());
        Tenancy.run(workspace, () -> context.getBean(AlertChannels.class)
            .insert(channel, url, kind == ChannelKind.SIGNED_WEBHOOK ? "whsec_test" : null));
        return channel.id();
    }

}
