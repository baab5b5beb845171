package org.iotplatform.monitoring;

import org.iotplatform.registry.DeviceStatus;

/** What a pump is doing, from its registry state and its latest values ({@code fault}, {@code speed}). */
public enum PumpState {
    RUNNING,
    STOPPED,
    FAULT,
    OFFLINE,
    DISABLED;

    public static PumpState of(DeviceSnapshot pump) {
        if (pump.status() == DeviceStatus.DISABLED) {
            return DISABLED;
        }
        if (!pump.connected()) {
            return OFFLINE;
        }
        if (pump.faulted()) {
            return FAULT;
        }
        return pump.stopped() ? STOPPED : RUNNING;
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
