package org.iotplatform.commanding;

import jakarta.ejb.ApplicationException;

/** No cloud-to-device message with that id for that device. */
@ApplicationException
public class MessageNotFoundException extends RuntimeException {
    public MessageNotFoundException(String deviceId, String messageId) {
        super("no message '" + messageId + "' for device '" + deviceId + "'");
    }
}
