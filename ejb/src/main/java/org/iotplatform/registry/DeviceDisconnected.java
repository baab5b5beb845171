package org.iotplatform.registry;

/** A device went offline (fired inside the transaction that records it; observe after success). */
public record DeviceDisconnected(DeviceId deviceId) {}
