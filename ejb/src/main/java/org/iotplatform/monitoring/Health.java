package org.iotplatform.monitoring;

/**
 * How a group of devices (a station) is doing, worst first: {@code DOWN} when none of its enabled
 * devices is connected, {@code DEGRADED} when some are not or one reports a fault, {@code OK} when all
 * are connected and none reports a fault, {@code EMPTY} when it has no enabled device at all.
 */
public enum Health {
    DOWN,
    DEGRADED,
    OK,
    EMPTY;

    public static Health of(int enabled, int connected, int faulted) {
        if (enabled <= 0) {
            return EMPTY;
        }
        if (connected <= 0) {
            return DOWN;
        }
        return connected < enabled || faulted > 0 ? DEGRADED : OK;
    }

    /** The worse of two. */
    public Health worse(Health other) {
        return other.ordinal() < ordinal() ? other : this;
    }
}
