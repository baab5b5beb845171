package org.iotplatform.commanding;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the commands sent to devices are kept: the command history and the cloud-to-device messages
 * waiting for their device. Device ids are the text of the row, as the gateway reports them.
 */
public interface DeviceCommandRepository {

    /** In the caller's transaction. */
    void store(DeviceCommand command);

    /** Several finished commands in one batch of inserts (same transaction as the caller's). */
    void storeAll(List<DeviceCommand> commands);

    Optional<DeviceCommand> find(long id);

    /** The device's commands of every kind, newest first. */
    List<DeviceCommand> recent(String deviceId, int limit);

    /** Cloud-to-device messages of the device still waiting ({@code enqueued}). */
    long waitingMessages(String deviceId);

    Optional<DeviceCommand> findMessage(String deviceId, String messageId);

    /** The device's cloud-to-device messages, newest first; {@code state} filters ({@code null}: all). */
    List<DeviceCommand> messages(String deviceId, String state, int limit);

    /** Waiting messages of the device not expired at {@code now}, oldest first. */
    List<DeviceCommand> deliverableMessages(String deviceId, Instant now);

    /** Ends a waiting message in {@code state}; answers how many changed (0: not waiting any more). */
    int settle(String deviceId, String messageId, String state, Instant at);

    /** Waiting messages past their time to live at {@code now} become {@code expired}; answers how many. */
    int expireMessages(Instant now);
}
