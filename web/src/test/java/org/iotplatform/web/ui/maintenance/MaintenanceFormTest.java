package org.iotplatform.web.ui.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.iotplatform.maintenance.InvalidModelException;
import org.iotplatform.maintenance.ModelDefinition;
import org.iotplatform.maintenance.TrainingSettings;
import org.junit.jupiter.api.Test;

/** The "New model" form's input as the service's definition: the same checks as the REST API. */
class MaintenanceFormTest {

    @Test
    void metricsAreCommaSeparatedAndAnEmptyWatchMeansNone() {
        ModelDefinition d = new ModelInput(
                        " pump-rul ",
                        "set:pumps",
                        " ",
                        "vibration, temperature,,",
                        "",
                        "P30D",
                        "1h",
                        null,
                        4,
                        null,
                        null)
                .definition();
        assertEquals("pump-rul", d.name());
        assertEquals("set:pumps", d.devices().toString());
        assertNull(d.watch());
        assertEquals(List.of("vibration", "temperature"), d.metrics());
        assertEquals("last", d.failure());
        assertEquals(Duration.ofDays(30), d.cap());
        assertEquals(org.iotplatform.telemetry.Interval.HOUR, d.interval());
        TrainingSettings defaults = TrainingSettings.DEFAULTS;
        assertEquals(new TrainingSettings(defaults.rounds(), 4, defaults.seeds(), defaults.folds()), d.training());
    }

    @Test
    void noTrainingFiguresMeansTheDefaults() {
        assertNull(ModelInput.settings(null, null, null, null));
    }

    @Test
    void refusalsSayWhy() {
        InvalidModelException tag = assertThrows(
                InvalidModelException.class,
                () -> new ModelInput("m", "pumps", null, "v", "last", "P1D", null, null, null, null, null)
                        .definition());
        assertEquals("a device tag must be name:value, e.g. kind:pump; not 'pumps'", tag.getMessage());
        InvalidModelException failure = assertThrows(
                InvalidModelException.class,
                () -> new ModelInput("m", "set:a", null, "v", "fault >", "P1D", null, null, null, null, null)
                        .definition());
        assertEquals("failure: ", failure.getMessage().substring(0, 9));
    }
}
