package org.iotplatform.commanding;

import jakarta.ejb.ApplicationException;

/** The gateway could not be reached to send a command; nothing was sent. */
@ApplicationException
public class CommandNotSentException extends RuntimeException {
    public CommandNotSentException(String message, Throwable cause) {
        super(message, cause);
    }
}
