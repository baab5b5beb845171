package org.iotplatform.commanding;

import jakarta.ejb.ApplicationException;

/** The device already has as many cloud-to-device messages waiting as it may; try again once it takes some. */
@ApplicationException(rollback = true)
public class MessageQueueFullException extends RuntimeException {
    public MessageQueueFullException(String message) {
        super(message);
    }
}
