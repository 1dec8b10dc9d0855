package org.confidant.widget;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * Once per token lifetime, removes the visitor sessions whose newest token has expired.
 */
@Component
@ConditionalOnWebApplication
class VisitorSessionPurge {

    private static final Logger log = LoggerFactory.getLogger(VisitorSessionPurge.class);

    private final VisitorSessions sessions;

    private final ScheduledExecutorService scheduler;

    VisitorSessionPurge(VisitorSessions sessions, WidgetSettings settings) {
        this.sessions = sessions;
        this.scheduler = Executors
            .newSingleThreadScheduledExecutor(Thread.ofVirtual().name("visitor-session-purge").factory());
        long every = settings.visitorTokenLifetime().toMillis();
        scheduler.scheduleWithFixedDelay(this::purge, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    private void purge() {
        try {
            sessions.purgeExpired();
        }
        catch (RuntimeException e) {
            log.error("purging expired visitor sessions failed; it runs again after the next token lifetime", e);
        }
    }

}
