package org.iotplatform.protocol.gateway;

/** {@code POST device-auth}: may {@code deviceId} connect with this SAS token ({@code password})? */
public record DeviceAuthRequest(String deviceId, String password, String protocol, String remoteAddress) {

    // one constructor only: JSON-B (Yasson) reads records through their single constructor
    public static DeviceAuthRequest of(
            String deviceId, String password, DeviceProtocol protocol, String remoteAddress) {
        return new DeviceAuthRequest(deviceId, password, protocol.wireName(), remoteAddress);
    }

    /** Never the token: records end up in logs. */
    @Override
    public String toString() {
        return "DeviceAuthRequest[deviceId=" + deviceId + ", protocol=" + protocol + ", remoteAddress=" + remoteAddress
                + "]";
    }
}
