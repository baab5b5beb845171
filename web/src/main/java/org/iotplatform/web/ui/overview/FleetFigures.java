package org.iotplatform.web.ui.overview;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.iotplatform.monitoring.FleetCounts;
import org.iotplatform.web.ui.components.Kpi;

/** The overview's key figures: devices by state, messages per minute and refused messages. */
class FleetFigures extends Composite<FlexLayout> {

    final Kpi devices = new Kpi("kpi-devices", "Devices");
    final Kpi connected = new Kpi("kpi-connected", "Connected");
    final Kpi disconnected = new Kpi("kpi-disconnected", "Disconnected");
    final Kpi disabled = new Kpi("kpi-disabled", "Disabled");
    final Kpi messages = new Kpi("kpi-messages", "Messages / minute");
    final Kpi rejected = new Kpi("kpi-rejected", "Rejected, last hour");

    FleetFigures() {
        FlexLayout row = getContent();
        row.setId("fleet-figures");
        row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        row.addClassNames(LumoUtility.Gap.MEDIUM);
        row.setWidthFull();
        row.add(devices, connected, disconnected, disabled, messages, rejected);
    }

    void show(FleetCounts counts, long messagesPerMinute, long rejectedLastHour) {
        devices.show(counts.total());
        connected.show(counts.connected());
        connected.detail(percent(counts.connected(), counts.total() - counts.disabled()) + " of enabled devices");
        disconnected.show(counts.disconnected());
        disconnected.attention(counts.disconnected() > 0);
        disabled.show(counts.disabled());
        messages.show(messagesPerMinute);
        messages.detail(String.format(java.util.Locale.ROOT, "%.1f per second", messagesPerMinute / 60.0));
        rejected.show(rejectedLastHour);
        rejected.attention(rejectedLastHour > 0);
        rejected.detail(rejectedLastHour > 0 ? "kept with their reason, on each device's page" : "none refused");
    }

    static String percent(long part, long whole) {
        return whole <= 0 ? "0 %" : Math.round(100.0 * part / whole) + " %";
    }
}
