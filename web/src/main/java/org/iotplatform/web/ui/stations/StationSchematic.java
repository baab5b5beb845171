package org.iotplatform.web.ui.stations;

import java.util.List;
import java.util.Locale;
import org.iotplatform.monitoring.DeviceSnapshot;
import org.iotplatform.monitoring.PumpState;
import org.iotplatform.monitoring.StationStatus;

/**
 * A drawn layout of a station (no map tiles: sites often have no internet): the intake header, each
 * pump in position order coloured by its state with its flow, and the outlet main to the network.
 * Each pump links to its device page. Inline SVG with Lumo colours, so both themes read well.
 */
final class StationSchematic {

    static final int PUMP_SPACING = 150;
    private static final int LEFT = 90;

    private StationSchematic() {}

    static String svg(StationStatus station) {
        List<DeviceSnapshot> pumps = station.devices();
        int width = LEFT + Math.max(1, pumps.size()) * PUMP_SPACING + 60;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns='http://www.w3.org/2000/svg' id='station-schematic' role='img' viewBox='0 0 ")
                .append(width)
                .append(" 230' width='100%' style='max-width:")
                .append(width * 1.2)
                .append("px;font-family:var(--lumo-font-family)'>")
                .append("<title>")
                .append(escape("Layout of " + station.name()))
                .append("</title>");
        int lastX = LEFT + (pumps.size() - 1) * PUMP_SPACING + PUMP_SPACING / 2;
        pipe(s, 20, 40, lastX, 40);
        text(s, 20, 28, "intake", "start", "var(--lumo-secondary-text-color)", 12);
        pipe(s, LEFT, 190, width - 20, 190);
        text(s, width - 20, 215, "outlet main \u2192 network", "end", "var(--lumo-secondary-text-color)", 12);
        for (int i = 0; i < pumps.size(); i++) {
            DeviceSnapshot pump = pumps.get(i);
            PumpState state = PumpState.of(pump);
            int x = LEFT + i * PUMP_SPACING + PUMP_SPACING / 2;
            pipe(s, x, 40, x, 82);
            pipe(s, x, 138, x, 190);
            s.append("<a href='devices/")
                    .append(escape(pump.deviceId()))
                    .append("' class='schematic-pump' data-device-id='")
                    .append(escape(pump.deviceId()))
                    .append("' data-state='")
                    .append(state.name().toLowerCase(Locale.ROOT))
                    .append("'>")
                    .append("<circle cx='")
                    .append(x)
                    .append("' cy='110' r='28' style='fill:")
                    .append(colour(state))
                    .append(";stroke:var(--lumo-body-text-color);stroke-width:1.5'/>");
            text(s, x, 115, pump.tag("position").map(p -> "P" + p).orElse("P" + (i + 1)), "middle", "#fff", 14);
            s.append("<title>")
                    .append(escape(pump.deviceId() + ": " + state.label()))
                    .append("</title></a>");
            text(
                    s,
                    x + 36,
                    72,
                    pump.value("flow")
                            .map(f -> String.format(Locale.ROOT, "%.0f m\u00b3/h", f))
                            .orElse(""),
                    "start",
                    "var(--lumo-body-text-color)",
                    12);
            text(s, x + 36, 135, state.label(), "start", "var(--lumo-secondary-text-color)", 12);
        }
        return s.append("</svg>").toString();
    }

    static String colour(PumpState state) {
        return switch (state) {
            case RUNNING -> "var(--lumo-success-color)";
            case STOPPED -> "var(--lumo-contrast-50pct)";
            case FAULT -> "var(--lumo-error-color)";
            case OFFLINE -> "var(--lumo-contrast-30pct)";
            case DISABLED -> "var(--lumo-contrast-20pct)";
        };
    }

    private static void pipe(StringBuilder s, int x1, int y1, int x2, int y2) {
        s.append("<line x1='")
                .append(x1)
                .append("' y1='")
                .append(y1)
                .append("' x2='")
                .append(x2)
                .append("' y2='")
                .append(y2)
                .append("' style='stroke:var(--lumo-primary-color-50pct);stroke-width:8;stroke-linecap:round'/>");
    }

    private static void text(StringBuilder s, int x, int y, String text, String anchor, String colour, int size) {
        s.append("<text x='")
                .append(x)
                .append("' y='")
                .append(y)
                .append("' text-anchor='")
                .append(anchor)
                .append("' style='fill:")
                .append(colour)
                .append(";font-size:")
                .append(size)
                .append("px'>")
                .append(escape(text))
                .append("</text>");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("'", "&#39;")
                .replace("\"", "&quot;");
    }
}
