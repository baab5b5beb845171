package org.iotplatform.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceIdTest {

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "", "a b", "a/b", "$probe", "pump#1"})
    void refusesIdsThatCannotBeAddressedOrAreNotIotHubIds(String id) {
        assertThrows(InvalidDeviceException.class, () -> DeviceId.of(id));
    }

    @Test
    void acceptsDotsInsideAnId() {
        assertEquals("station-01.pump-2", DeviceId.of("station-01.pump-2").value());
        assertEquals("...", DeviceId.of("...").value());
    }
}
