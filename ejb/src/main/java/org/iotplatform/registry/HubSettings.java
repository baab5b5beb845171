package org.iotplatform.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How devices address this hub, and the key that protects their keys at rest. */
@ApplicationScoped
public class HubSettings {

    @Inject
    @ConfigProperty(name = "iot.hub.hostname", defaultValue = "iothub.local")
    String hubHostname;

    @Inject
    @ConfigProperty(name = "iot.hub.gateway-hostname")
    Optional<String> gatewayHostname;

    @Inject
    @ConfigProperty(name = "iot.registry.master-key")
    Optional<String> masterKey;

    private volatile DeviceKeyCipher cipher;

    /** The {@code sr} prefix of SAS tokens and the {@code HostName} of connection strings. */
    public String hubHostname() {
        return hubHostname;
    }

    /** The host devices really connect to, when it is not the hub name. */
    public Optional<String> gatewayHostname() {
        return gatewayHostname.filter(h -> !h.isBlank());
    }

    public DeviceKeyCipher cipher() {
        DeviceKeyCipher c = cipher;
        if (c == null) {
            c = DeviceKeyCipher.fromBase64(masterKey
                    .filter(k -> !k.isBlank())
                    .orElseThrow(() -> new IllegalStateException(
                            "iot.registry.master-key is not configured: device keys cannot be "
                                    + "stored or checked (run.sh generates one; see README)")));
            cipher = c;
        }
        return c;
    }

    /** {@code HostName=<hub>;DeviceId=<id>;SharedAccessKey=<key>[;GatewayHostName=<host>]} */
    public String connectionString(DeviceId deviceId, SymmetricKey key) {
        return "HostName=" + hubHostname + ";DeviceId=" + deviceId.value() + ";SharedAccessKey=" + key.base64()
                + gatewayHostname().map(h -> ";GatewayHostName=" + h).orElse("");
    }
}
