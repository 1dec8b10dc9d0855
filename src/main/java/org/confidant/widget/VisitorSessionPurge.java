package org.confidant.widget;

import java.time.Duration;

import org.confidant.job.RecurringWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Once per token lifetime, on one node of the deployment, removes the visitor sessions
 * whose newest token has expired.
 */
@Component
class VisitorSessionPurge implements RecurringWork {

    private static final Logger log = LoggerFactory.getLogger(VisitorSessionPurge.class);

    private final VisitorSessions sessions;

    private final WidgetSettings settings;

    VisitorSessionPurge(VisitorSessions sessions, WidgetSettings settings) {
        this.sessions = sessions;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "widget.visitor-session-purge";
    }

    @Override
    public Duration interval() {
        return settings.visitorTokenLifetime();
    }

    @Override
    public void run() {
        int purged = sessions.purgeExpired();
        if (purged > 0) {
            log.debug("removed {} expired visitor sessions", purged);
        }
    }

}
