package org.iotplatform.monitoring;

/** A station as the fleet overview shows it: its devices, how many are connected or disabled, and its health. */
public record StationSummary(String name, int devices, int connected, int disabled) {

    /** From the connection states alone; faults are looked at on the station's own page. */
    public Health health() {
        return Health.of(devices - disabled, connected, 0);
    }
}
