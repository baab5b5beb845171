package org.iotplatform.registry;

/**
 * A device was deleted (fired inside the deleting transaction): what belongs to that device goes with
 * it, so a device created again under the same id starts clean (its message ids are its own).
 */
public record DeviceDeleted(DeviceId deviceId) {}
