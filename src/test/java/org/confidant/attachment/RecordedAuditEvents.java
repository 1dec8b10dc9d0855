package org.confidant.attachment;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.confidant.shared.AuditedEvent;
import org.confidant.shared.WorkspaceId;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/** Every audited event the application publishes, from any thread (requests run on the server's threads). */
class RecordedAuditEvents {

    private final List<AuditedEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(AuditedEvent event) {
        events.add(event);
    }

    /** The events of one type in one workspace, in the order they were published. */
    <T extends AuditedEvent> Stream<T> of(Class<T> type, WorkspaceId workspace) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(e -> e.auditRecord().workspaceId().equals(workspace));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Recording {

        @Bean
        RecordedAuditEvents recordedAuditEvents() {
            return new RecordedAuditEvents();
        }
    }
}
