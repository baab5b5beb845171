package org.iotplatform.registry;

/** A device came online (fired inside the transaction that records it; observe after success). */
public record DeviceConnected(DeviceId deviceId) {}
