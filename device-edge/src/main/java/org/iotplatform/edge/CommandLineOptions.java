package org.iotplatform.edge;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} pairs of the edge commands (simulate, modbus, load) and the benchmark load generators. */
public final class CommandLineOptions {

    private CommandLineOptions() {}

    /** Parses {@code args} from index {@code from} (after the command word, if any). */
    public static Map<String, String> parse(String[] args, int from) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = from; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    public static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
