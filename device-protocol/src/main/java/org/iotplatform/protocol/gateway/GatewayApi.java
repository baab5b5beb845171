package org.iotplatform.protocol.gateway;

/** Where the internal API lives, relative to the platform's base URL. */
public final class GatewayApi {

    public static final String BASE = "/api/v1/internal/gateway";
    public static final String DEVICE_AUTH = "device-auth";
    public static final String REVOCATIONS = "revocations";
    public static final String CONNECTION_EVENTS = "connection-events";

    private GatewayApi() {}
}
