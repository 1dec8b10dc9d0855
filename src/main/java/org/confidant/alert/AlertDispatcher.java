package org.confidant.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.confidant.shared.Timestamps;
import org.confidant.tenancy.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Attempts deliveries: the first one as soon as its alert is stored, the retries when the
 * worker finds them due (every {@code confidant.alerts.worker-interval}), with the waits
 * of {@code confidant.alerts.retry-delays} between attempts; after the last, the delivery
 * has failed. Each attempt runs on its own (virtual) thread, so a slow or dead channel
 * holds up no other. The queue is the database: a restart picks up where it stopped.
 */
@Component
class AlertDispatcher {

    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

    private static final int BATCH = 100;

    private final AlertDeliveries deliveries;

    private final AlertChannels channels;

    private final WebhookCourier webhooks;

    private final EmailCourier email;

    private final AlertSettings settings;

    private final TaskExecutor executor;

    private final Clock clock;

    private final Duration lease;

    AlertDispatcher(AlertDeliveries deliveries, AlertChannels channels, WebhookCourier webhooks, EmailCourier email,
            AlertSettings settings, @Qualifier("applicationTaskExecutor") TaskExecutor executor, Clock clock) {
        this.deliveries = deliveries;
        this.channels = channels;
        this.webhooks = webhooks;
        this.email = email;
        this.settings = settings;
        this.executor = executor;
        this.clock = clock;
        // longer than an attempt can take: a webhook's connect and response timeouts, and
        // then some
        this.lease = settings.timeout().multipliedBy(3).plusSeconds(30);
    }

    /**
     * Starts an attempt of each delivery (those already claimed elsewhere are skipped).
     */
    void attemptSoon(List<UUID> ids) {
        for (UUID id : ids) {
            executor.execute(() -> attempt(id));
        }
    }

    @Scheduled(fixedDelayString = "${confidant.alerts.worker-interval:1s}",
            initialDelayString = "${confidant.alerts.worker-interval:1s}")
    void retryDue() {
        try {
            attemptSoon(Tenancy.system("the delivery worker looks through every workspace's due deliveries",
                    () -> deliveries.due(Timestamps.now(clock), BATCH)));
        }
        catch (RuntimeException e) {
            log.warn("The alert delivery worker could not read the due deliveries: {}", e.toString());
        }
    }

    void attempt(UUID id) {
        try {
            Instant now = Timestamps.now(clock);
            // the task inherits the scope of the thread that asked for it, which may act
            // in
            // another workspace than the delivery's: it starts from the system scope
            Tenancy.system("a delivery is claimed by its id, then made in its own workspace", () -> {
                Optional<AlertDeliveries.Claimed> claimed = deliveries.claim(id, now, now.plus(lease));
                claimed.ifPresent(delivery -> Tenancy.run(delivery.workspaceId(), () -> deliver(delivery)));
            });
        }
        catch (RuntimeException e) {
            log.warn("An alert delivery attempt failed unexpectedly: {}", e.toString());
        }
    }

    private void deliver(AlertDeliveries.Claimed delivery) {
        try {
            AlertContent content = deliveries.contentOf(delivery);
            AlertChannels.Stored channel = channels.find(delivery.workspaceId(), delivery.channelId())
                .orElseThrow(() -> new DeliveryFailed("the channel was removed"));
            switch (channel.channel().kind()) {
                case SIGNED_WEBHOOK -> webhooks.sendSigned(delivery.workspaceId(), channel.target(), channel.secret(),
                        delivery.id().toString(), content);
                case SLACK -> webhooks.sendSlack(delivery.workspaceId(), channel.target(), content);
                case EMAIL -> email.send(channel.target(), content);
            }
            deliveries.delivered(delivery.id(), Timestamps.now(clock));
        }
        catch (DeliveryFailed failed) {
            failed(delivery, failed.getMessage());
        }
        catch (RuntimeException e) {
            // an alert or channel that no longer decrypts, a bug: a failed attempt like
            // any other, not retried forever
            log.warn("Alert delivery {} failed: {}", delivery.id(), e.toString());
            failed(delivery, "internal error: " + e.getClass().getSimpleName());
        }
    }

    private void failed(AlertDeliveries.Claimed delivery, String error) {
        int attempts = delivery.attempts();
        Instant retryAt = attempts < settings.maxAttempts()
                ? Timestamps.now(clock).plus(settings.retryDelays().get(attempts - 1)) : null;
        deliveries.attemptFailed(delivery.id(), error, retryAt);
    }

}
