package org.iotplatform.commanding;

/** A device's answer to a direct method: its status code and JSON payload (JSON text; {@code null} when none). */
public record MethodResult(int status, String payload) {}
