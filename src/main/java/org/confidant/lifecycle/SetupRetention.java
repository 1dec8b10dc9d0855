package org.confidant.lifecycle;

import java.time.Clock;

import org.confidant.identity.WorkspaceSetUp;
import org.confidant.shared.Timestamps;
import org.confidant.tenancy.Tenancy;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The setup page's answers about retention (resolved conversations and files, in days)
 * become the new workspace's first policy, in the setup's own transaction: an answer out
 * of range refuses the whole setup ({@code bad_retention} naming the field), and blank
 * answers keep everything for ever (the dashboard then says so).
 */
@Component
class SetupRetention {

    private final RetentionPolicies policies;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    SetupRetention(RetentionPolicies policies, ApplicationEventPublisher events, Clock clock) {
        this.policies = policies;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void on(WorkspaceSetUp setUp) {
        RetentionPolicy policy = new RetentionPolicy(RetentionPolicy.days("resolved", setUp.resolvedDays()), null,
                RetentionPolicy.days("attachments", setUp.attachmentDays()), null, null);
        if (policy.forever()) {
            return;
        }
        Tenancy.run(setUp.workspaceId(), () -> {
            policies.save(setUp.workspaceId(), null, policy, setUp.ownerId(), Timestamps.now(clock));
            events.publishEvent(new RetentionChanged(setUp.workspaceId(), setUp.ownerId(), null, policy));
        });
    }

}
