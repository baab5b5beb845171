package org.iotplatform.web.api;

import jakarta.ws.rs.BadRequestException;

/** A query, path or header parameter outside what the resource takes; the message names it and its range. */
public class InvalidParameterException extends BadRequestException {

    public InvalidParameterException(String message) {
        super(message);
    }
}
