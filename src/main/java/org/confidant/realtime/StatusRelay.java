package org.confidant.realtime;

import org.confidant.routing.MemberStatusChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the dashboards of a member's workspace what colleagues now see of them (a
 * {@code status} frame), after the commit of a chosen status, or at once when their first
 * dashboard opened or their last one closed. Only agent sockets of the same workspace
 * receive it.
 */
@Component
class StatusRelay {

    private static final Logger log = LoggerFactory.getLogger(StatusRelay.class);

    private final Fanout fanout;

    private final Frames frames;

    StatusRelay(Fanout fanout, Frames frames) {
        this.fanout = fanout;
        this.frames = frames;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(MemberStatusChanged event) {
        try {
            fanout.publish(new FanoutMessage(FanoutMessage.Kind.STATUS, event.workspaceId(), null, null, null,
                    event.memberId(), frames.status(event)));
        }
        catch (RuntimeException e) {
            log.warn("fan-out of a status frame of workspace {} failed: {}", event.workspaceId(), e.toString());
        }
    }

}
