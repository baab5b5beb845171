package org.iotplatform.alerts;

import java.util.Comparator;

/** A rule watching one device: the key of rule state and of the active alert. */
public record RuleDevice(long ruleId, String deviceId) implements Comparable<RuleDevice> {

    private static final Comparator<RuleDevice> ORDER =
            Comparator.comparingLong(RuleDevice::ruleId).thenComparing(RuleDevice::deviceId);

    /** Locks are taken in this order, so two transactions never wait for each other in a circle. */
    @Override
    public int compareTo(RuleDevice o) {
        return ORDER.compare(this, o);
    }

    public String activeKey() {
        return Alert.activeKey(ruleId, deviceId);
    }
}
