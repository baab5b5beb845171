package org.iotplatform.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether the telemetry stream still reaches this platform's storage, judged by probes: each platform
 * instance sends a numbered probe down the same path devices' telemetry takes (through the gateway,
 * the back end's shared subscription, into the database) and reads back the newest one that arrived.
 * A probe not back within the timeout means devices may be publishing (and getting acknowledgements)
 * while nothing is stored: the stream is stalled until a later probe arrives.
 */
public final class TelemetryFlow {

    public enum State {
        STARTING,
        FLOWING,
        STALLED
    }

    /** The newest probe of an instance that arrived, and when. */
    public record Arrival(long seq, Instant at) {}

    /**
     * @param lastArrival  when this instance's newest probe arrived (null before the first)
     * @param stalledSince when the oldest probe still missing was due (null unless stalled)
     */
    public record Status(State state, Instant lastArrival, Instant stalledSince, String reason) {
        public boolean stalled() {
            return state == State.STALLED;
        }
    }

    private static final int REMEMBERED = 1000;

    private final Duration timeout;
    private final TreeMap<Long, Instant> unanswered = new TreeMap<>();
    private long nextSeq;
    private Status status = new Status(State.STARTING, null, null, "no probe sent yet");

    /** @param firstSeq where numbering starts: a restarted instance must not reuse numbers that already arrived */
    public TelemetryFlow(Duration timeout, long firstSeq) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("probe timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
        this.nextSeq = firstSeq;
    }

    /** The number of the next probe; it counts once the gateway acknowledged it ({@link #sent}). */
    public synchronized long next() {
        return nextSeq++;
    }

    /**
     * Probe {@code seq} was acknowledged by the gateway at {@code at}: from now on it must arrive. A
     * probe the gateway could not take (it is down) does not count: devices cannot publish either,
     * so nothing is acknowledged and lost.
     */
    public synchronized void sent(long seq, Instant at) {
        unanswered.put(seq, at);
        while (unanswered.size() > REMEMBERED) {
            unanswered.pollFirstEntry();
        }
    }

    /** Judges the flow from the newest arrival of this instance's probes. */
    public synchronized Status assess(Optional<Arrival> newest, Instant now) {
        newest.ifPresent(a -> unanswered.headMap(a.seq(), true).clear());
        Instant lastArrival = newest.map(Arrival::at).orElse(status.lastArrival());
        var oldestMissing = unanswered.firstEntry();
        if (oldestMissing != null && !now.isBefore(oldestMissing.getValue().plus(timeout))) {
            Instant since = oldestMissing.getValue().plus(timeout);
            status = new Status(
                    State.STALLED,
                    lastArrival,
                    since,
                    "probe " + oldestMissing.getKey() + " sent at " + oldestMissing.getValue()
                            + " has not arrived within " + timeout);
        } else if (lastArrival != null) {
            status = new Status(State.FLOWING, lastArrival, null, "probes arrive");
        } else {
            status = new Status(State.STARTING, null, null, "waiting for the first probe");
        }
        return status;
    }

    public synchronized Status status() {
        return status;
    }
}
