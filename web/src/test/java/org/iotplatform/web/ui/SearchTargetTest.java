package org.iotplatform.web.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SearchTargetTest {

    @Test
    void theSearchBoxKnowsStationsTagsAndDevices() {
        assertEquals(
                new SearchTarget(SearchTarget.Kind.STATION, "station-02"),
                SearchTarget.of(" station:station-02 ", id -> false));
        assertEquals(
                new SearchTarget(SearchTarget.Kind.STATION, "station-02"),
                SearchTarget.of("station=station-02", id -> false));
        assertEquals(
                new SearchTarget(SearchTarget.Kind.TAG, "kind:vending"), SearchTarget.of("kind=vending", id -> false));
        assertEquals(new SearchTarget(SearchTarget.Kind.TAG, "site"), SearchTarget.of("site:", id -> false));
        assertEquals(new SearchTarget(SearchTarget.Kind.DEVICE, "vm-01"), SearchTarget.of("vm-01", "vm-01"::equals));
        assertEquals(new SearchTarget(SearchTarget.Kind.ID_CONTAINS, "pump"), SearchTarget.of("pump", id -> false));
        assertEquals(
                SearchTarget.Kind.NOTHING, SearchTarget.of("  ", id -> true).kind());
    }
}
