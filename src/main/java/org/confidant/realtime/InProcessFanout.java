package org.confidant.realtime;

import org.springframework.stereotype.Component;

/** The single-node fan-out: hands each message straight to this node's sockets. */
@Component
class InProcessFanout implements Fanout {

    private final LocalSockets sockets;

    InProcessFanout(LocalSockets sockets) {
        this.sockets = sockets;
    }

    @Override
    public void publish(FanoutMessage message) {
        sockets.deliver(message);
    }

}
