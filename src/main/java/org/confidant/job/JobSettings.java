package org.confidant.job;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.modulith.NamedInterface;

/**
 * Jobs settings ({@code confidant.jobs.*}, documented in {@code docs/operations.md}).
 *
 * @param pollingInterval how often a node looks for due work submitted elsewhere or
 * revived (work submitted on the node itself starts at once)
 * @param heartbeatInterval how often a node records that it still runs what it picked
 * @param missedHeartbeats after this many missed heartbeats (at least 4) a node's work
 * counts as dead and another node (or the restarted one) resumes it
 * @param threads jobs and sweepers one node runs at the same time
 * @param maxRestarts how many times a job may be resumed after its node died before it
 * fails (a step that kills its node must not kill every node in turn)
 * @param shutdownWait how long a stopping node waits for the steps in flight (jobs pause
 * after their step)
 * @param keepFinished how long finished jobs stay listed before the history sweeper
 * removes them
 * @param nodeName this node's name in the scheduler's table; empty means
 * {@code <host name>-<process id>}
 */
@ConfigurationProperties("confidant.jobs")
@NamedInterface("api")
public record JobSettings(@DefaultValue("5s") Duration pollingInterval, @DefaultValue("10s") Duration heartbeatInterval,
        @DefaultValue("6") int missedHeartbeats, @DefaultValue("4") int threads, @DefaultValue("3") int maxRestarts,
        @DefaultValue("30s") Duration shutdownWait, @DefaultValue("90d") Duration keepFinished,
        @DefaultValue("") String nodeName) {

    public JobSettings {
        if (missedHeartbeats < 4) {
            throw new IllegalArgumentException("confidant.jobs.missed-heartbeats is at least 4");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("confidant.jobs.threads is at least 1");
        }
        if (pollingInterval.isNegative() || pollingInterval.isZero() || heartbeatInterval.isNegative()
                || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("confidant.jobs.polling-interval and heartbeat-interval are positive");
        }
        if (nodeName.isBlank()) {
            nodeName = hostName() + "-" + ProcessHandle.current().pid();
        }
        else if (nodeName.length() > 120) {
            throw new IllegalArgumentException("confidant.jobs.node-name has at most 120 characters");
        }
    }

    /** How long a node may stay silent before its work counts as dead. */
    public Duration deadAfter() {
        return heartbeatInterval.multipliedBy(missedHeartbeats);
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 100 ? name.substring(0, 100) : name;
        }
        catch (UnknownHostException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
