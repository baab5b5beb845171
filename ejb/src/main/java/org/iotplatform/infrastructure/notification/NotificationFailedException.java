package org.iotplatform.infrastructure.notification;

/** A notification did not go out; the message says why in words an operator can act on. */
public class NotificationFailedException extends Exception {

    public NotificationFailedException(String reason) {
        super(reason);
    }
}
