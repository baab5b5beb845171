package org.iotplatform.edge.link;

import com.fasterxml.jackson.databind.JsonNode;

/** A command for a device: a name ({@code stop}, {@code setSpeed}) and a JSON payload (an empty object when none). */
public record Command(String name, JsonNode payload) {}
