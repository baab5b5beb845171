package org.iotplatform.registry;

/** A device's keys in clear, for the moment they are handed to an admin; never stored like this. */
public record DeviceCredentials(
        DeviceId deviceId, SymmetricKey primaryKey, SymmetricKey secondaryKey, String connectionString) {}
