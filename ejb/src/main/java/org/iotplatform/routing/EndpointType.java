package org.iotplatform.routing;

/** Where a route delivers: an HTTP(S) webhook (POST), an AMQP 1.0 address, or a directory of files. */
public enum EndpointType {
    HTTP,
    AMQP,
    FILE;

    public String value() {
        return name().toLowerCase();
    }

    public static EndpointType of(String value) {
        for (EndpointType t : values()) {
            if (t.value().equals(value)) {
                return t;
            }
        }
        throw new InvalidRuleException("endpointType must be http, amqp or file, not '" + value + "'");
    }
}
