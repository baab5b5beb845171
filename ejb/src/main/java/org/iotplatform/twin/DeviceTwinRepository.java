package org.iotplatform.twin;

import java.util.Optional;

/** Where device twins are kept, one per device id (the id's text). */
public interface DeviceTwinRepository {

    Optional<DeviceTwin> find(String deviceId);

    /** The twin locked for the rest of the caller's transaction (writers of one twin take turns). */
    Optional<DeviceTwin> findForUpdate(String deviceId);

    /** A new twin, in the caller's transaction. */
    void store(DeviceTwin twin);

    /** Writes the caller's changes now, so a changed twin's {@link DeviceTwin#version()} (its ETag) is current. */
    void flush();
}
