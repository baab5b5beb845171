package org.iotplatform.commanding;

import jakarta.ejb.ApplicationException;

/** A command that cannot be sent as asked (bad method name, payload not JSON, time-out out of range, queue full). */
@ApplicationException
public class InvalidCommandException extends RuntimeException {
    public InvalidCommandException(String message) {
        super(message);
    }
}
