package org.iotplatform.web.ui.components;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;

/**
 * A time-series line chart: the server-side handle of the {@code <iot-chart>} element
 * ({@code src/main/webapp/charts/iot-chart.js}, Apache ECharts). Data goes over as compact JSON with
 * epoch-millisecond times; the browser keeps the series, so live updates send only new points.
 * Colours follow the Lumo light/dark theme; the chart resizes with its container.
 */
@Tag("iot-chart")
@JsModule("context://charts/iot-chart.js")
public class TimeSeriesChart extends Component implements HasSize, HasStyle {

    public TimeSeriesChart() {
        setWidthFull();
    }

    /** Replaces everything shown. Series with ranges ({@link Series#add(long, double, double, double)}) get a min..max band. */
    public void setSeries(Collection<Series> series) {
        getElement().callJsFunction("setSeries", toJson(series));
    }

    /** Adds points to the series of the same name (or new series); older points than the window fall off. */
    public void appendPoints(Collection<Series> series) {
        if (!series.isEmpty()) {
            getElement().callJsFunction("appendPoints", toJson(series));
        }
    }

    /**
     * Keeps only the last {@code window} (counted back from the newest point) and at most
     * {@code maxPointsPerSeries} points per series; a live chart's memory and x-axis.
     */
    public void setWindow(Duration window, int maxPointsPerSeries) {
        getElement().callJsFunction("setWindow", (double) window.toMillis(), maxPointsPerSeries);
    }

    public void clear() {
        getElement().callJsFunction("clear");
    }

    /** What the chart says when it has no points (e.g. "No telemetry yet"). */
    public void setEmptyText(String text) {
        getElement().callJsFunction("setEmptyText", text);
    }

    public void setLoading(boolean loading) {
        getElement().callJsFunction("setLoading", loading);
    }

    /** Mouse-wheel zoom and a range slider under the chart: for history, not for live. */
    public void setZoomable(boolean zoomable) {
        getElement().callJsFunction("setZoomable", zoomable);
    }

    /** Times on the axis and in tooltips in UTC (default, as the rest of the dashboard) or the browser's zone. */
    public void setUtc(boolean utc) {
        getElement().callJsFunction("setUtc", utc);
    }

    static String toJson(Collection<Series> series) {
        StringBuilder json = new StringBuilder(
                64 + series.stream().mapToInt(s -> s.size * 40).sum());
        json.append('[');
        boolean first = true;
        for (Series s : series) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append("{\"name\":");
            string(json, s.name);
            json.append(",\"points\":[");
            int width = s.ranged ? 4 : 2;
            for (int i = 0; i < s.size; i++) {
                if (i > 0) {
                    json.append(',');
                }
                json.append('[').append(s.times[i]);
                for (int k = 0; k < width - 1; k++) {
                    json.append(',');
                    number(json, s.values[i * 3 + k]);
                }
                json.append(']');
            }
            json.append("]}");
        }
        return json.append(']').toString();
    }

    private static void number(StringBuilder json, double v) {
        if (Double.isFinite(v)) {
            json.append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
        } else {
            json.append("null");
        }
    }

    private static void string(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /**
     * One named line: points (time, value) or, for rollups, (time, avg, min, max). Primitive arrays,
     * because history sends up to tens of thousands of points.
     */
    public static final class Series {

        private final String name;
        private long[] times = new long[16];
        private double[] values = new double[48];
        private int size;
        private boolean ranged;

        public Series(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public int size() {
            return size;
        }

        /** A plain point: a line without a band. */
        public Series add(long epochMillis, double value) {
            return put(epochMillis, value, Double.NaN, Double.NaN);
        }

        /** A rolled-up point: {@code avg} on the line, {@code min..max} as the band around it. */
        public Series add(long epochMillis, double avg, double min, double max) {
            ranged = true;
            return put(epochMillis, avg, min, max);
        }

        private Series put(long t, double a, double b, double c) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                values = Arrays.copyOf(values, size * 6);
            }
            times[size] = t;
            values[size * 3] = a;
            values[size * 3 + 1] = b;
            values[size * 3 + 2] = c;
            size++;
            return this;
        }
    }
}
