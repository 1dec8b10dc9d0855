package org.confidant.identity;

import java.time.Clock;

import org.confidant.shared.MemberId;
import org.confidant.shared.Timestamps;
import org.confidant.shared.WorkspaceId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A member's own notification preferences (see {@link NotificationPreferences}): read by
 * the dashboard's socket, changed by the member on their account page. Each member sees
 * and changes only their own: the member comes from the signed-in principal, never from a
 * request.
 */
@Service
@NamedInterface("api")
public class NotificationPreferenceManagement {

    private final MemberPreferences preferences;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    NotificationPreferenceManagement(MemberPreferences preferences, ApplicationEventPublisher events, Clock clock) {
        this.preferences = preferences;
        this.events = events;
        this.clock = clock;
    }

    /** The member's preferences, the defaults until they change them. */
    @Transactional(readOnly = true)
    public NotificationPreferences of(WorkspaceId workspaceId, MemberId memberId) {
        return preferences.find(workspaceId, memberId).orElse(NotificationPreferences.DEFAULTS);
    }

    /**
     * Stores the member's preferences; their open dashboards follow
     * ({@link NotificationPreferencesChanged}).
     */
    @Transactional
    public void change(WorkspaceId workspaceId, MemberId memberId, NotificationPreferences changed) {
        preferences.save(workspaceId, memberId, changed, Timestamps.now(clock));
        events.publishEvent(new NotificationPreferencesChanged(workspaceId, memberId, changed));
    }

}
