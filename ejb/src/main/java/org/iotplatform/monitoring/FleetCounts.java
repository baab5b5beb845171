package org.iotplatform.monitoring;

/** Devices registered, and how many of them are connected, disconnected (enabled but away) and disabled. */
public record FleetCounts(long total, long connected, long disconnected, long disabled) {

    public static final FleetCounts NONE = new FleetCounts(0, 0, 0, 0);
}
