package org.iotplatform.web.ui.components;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSeriesChartTest {

    @Test
    void plainSeriesAreTimeValuePairs() {
        TimeSeriesChart.Series s =
                new TimeSeriesChart.Series("temperature").add(1000, 71.5).add(2000, 72);
        assertEquals(
                "[{\"name\":\"temperature\",\"points\":[[1000,71.5],[2000,72]]}]", TimeSeriesChart.toJson(List.of(s)));
    }

    @Test
    void rollupsCarryMinAndMaxAndNonFiniteBecomesNull() {
        TimeSeriesChart.Series s =
                new TimeSeriesChart.Series("p").add(60_000, 1.5, 1, 2).add(120_000, Double.NaN, 0, 0);
        assertEquals(
                "[{\"name\":\"p\",\"points\":[[60000,1.5,1,2],[120000,null,0,0]]}]",
                TimeSeriesChart.toJson(List.of(s)));
    }

    @Test
    void namesFromDevicesAreEscaped() {
        TimeSeriesChart.Series s = new TimeSeriesChart.Series("a\"b\\c\n\u0001");
        assertEquals("[{\"name\":\"a\\\"b\\\\c\\n\\u0001\",\"points\":[]}]", TimeSeriesChart.toJson(List.of(s)));
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        TimeSeriesChart.Series s = new TimeSeriesChart.Series("m");
        for (int i = 0; i < 1000; i++) {
            s.add(i, i, i - 1, i + 1);
        }
        assertEquals(1000, s.size());
        String json = TimeSeriesChart.toJson(List.of(s));
        assertEquals(true, json.endsWith("[999,999,998,1000]]}]"));
    }
}
