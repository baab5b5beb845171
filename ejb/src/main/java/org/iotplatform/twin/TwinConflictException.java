package org.iotplatform.twin;

import jakarta.ejb.ApplicationException;

/** The twin changed since the caller read it (a stale If-Match): read it again and retry. */
@ApplicationException(rollback = true)
public class TwinConflictException extends RuntimeException {
    public TwinConflictException(String message) {
        super(message);
    }
}
