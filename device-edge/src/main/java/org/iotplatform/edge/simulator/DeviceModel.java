package org.iotplatform.edge.simulator;

import java.util.Map;
import org.iotplatform.edge.link.Command;
import org.iotplatform.edge.link.CommandHandler;

/** What a simulated device measures: one step of its physics per reading, from its own seeded randomness. */
public interface DeviceModel {

    /** Advances the model by {@code seconds} and returns the values to report (insertion order kept). */
    Map<String, Object> step(double seconds);

    /** Tags the device is registered with (station, kind, location). */
    Map<String, String> tags();

    /** Acts on a command; models that take none answer 404. */
    default CommandHandler.Result command(Command command) {
        return CommandHandler.Result.error(404, "unknown command " + command.name());
    }
}
