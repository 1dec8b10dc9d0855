package org.confidant;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.confidant.shared.AuditedEvent;
import org.confidant.shared.WorkspaceId;
import org.springframework.context.event.EventListener;

/**
 * The audited events the application published during the current test, from any thread
 * (requests run on the server's threads, which Spring's own
 * {@code @RecordApplicationEvents} does not hear).
 */
public final class PublishedEvents {

    private final List<AuditedEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(AuditedEvent event) {
        events.add(event);
    }

    /** Every audited event, in the order they were published. */
    public List<AuditedEvent> all() {
        return List.copyOf(events);
    }

    /** The events of one type, in the order they were published. */
    public <T extends AuditedEvent> Stream<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast);
    }

    /** The events of one type in one workspace, in the order they were published. */
    public <T extends AuditedEvent> Stream<T> of(Class<T> type, WorkspaceId workspace) {
        return of(type).filter(e -> e.auditRecord().workspaceId().equals(workspace));
    }

    void clear() {
        events.clear();
    }

}
