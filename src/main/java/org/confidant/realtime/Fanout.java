package org.confidant.realtime;

/**
 * Carries a frame to every socket, on every node, that should receive it. Implementations
 * deliver at most once and in no guaranteed order between publishers; clients repair both
 * by sequence number.
 */
public interface Fanout {

    void publish(FanoutMessage message);

}
