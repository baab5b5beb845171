package org.iotplatform.gateway.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the gateway, with its default. Keys are {@code iot.gateway.<name>}; MicroProfile
 * Config maps environment variables such as {@code IOT_GATEWAY_MQTT_PORT} onto them.
 */
public record GatewaySettings(
        String host,
        int mqttPort,
        int mqttsPort,
        int amqpPort,
        int amqpsPort,
        int httpPort,
        int httpsPort,
        int httpMaxBodyBytes,
        int httpThreads,
        boolean plainEnabled,
        String plainHost,
        Path dataDir,
        Path tlsDir,
        String hubHostname,
        URI platformUrl,
        Optional<Path> platformCa,
        String platformUser,
        String platformPassword,
        String backendUser,
        String backendPassword,
        int maxPayloadBytes,
        int publishRatePerDevice,
        Duration publishMaxDelay,
        Duration authCache,
        Duration revocationPoll,
        String nodeId,
        List<String> clusterConnectors,
        String clusterHost,
        int clusterPort,
        String clusterUser,
        String clusterPassword) {

    public static final String PREFIX = "iot.gateway.";

    /** Reads the settings from system properties, environment variables and META-INF/microprofile-config.properties. */
    public static GatewaySettings load() {
        return from(new SmallRyeConfigBuilder().addDefaultSources().build());
    }

    /** Same as {@link #load()} but with {@code overrides} (keys without the prefix) taking precedence; for tests and tools. */
    public static GatewaySettings load(Map<String, String> overrides) {
        Map<String, String> prefixed = new java.util.HashMap<>();
        overrides.forEach((k, v) -> prefixed.put(PREFIX + k, v));
        return from(new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withSources(new PropertiesConfigSource(prefixed, "overrides", 1000))
                .build());
    }

    private static GatewaySettings from(SmallRyeConfig config) {
        Keys keys = new Keys(config);
        Path dataDir = Path.of(keys.string("data-dir", "./gateway-data"));
        List<String> connectors = Arrays.stream(
                        keys.string("cluster-connectors", "").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
        return new GatewaySettings(
                keys.string("host", "0.0.0.0"),
                keys.integer("mqtt-port", 1883),
                keys.integer("mqtts-port", 8883),
                keys.integer("amqp-port", 5672),
                keys.integer("amqps-port", 5671),
                keys.integer("http-port", 8088),
                keys.integer("https-port", 8443),
                keys.integer("http-max-body-bytes", 262144),
                keys.integer("http-threads", 16),
                keys.bool("plain-enabled", true),
                keys.string("plain-host", keys.string("host", "0.0.0.0")),
                dataDir,
                Path.of(keys.string("tls-dir", dataDir.resolve("tls").toString())),
                keys.string("hub-hostname", "iothub.local"),
                URI.create(stripTrailingSlash(keys.string("platform-url", "http://localhost:8080"))),
                Optional.ofNullable(keys.string("platform-ca", null))
                        .filter(s -> !s.isBlank())
                        .map(Path::of),
                keys.string("platform-user", "gateway"),
                keys.required("platform-password"),
                keys.string("backend-user", "iot-backend"),
                keys.required("backend-password"),
                keys.integer("max-payload-bytes", 1048576),
                keys.integer("publish-rate-per-device", 100),
                Duration.ofMillis(keys.integer("publish-max-delay-millis", 10_000)),
                Duration.ofSeconds(keys.integer("auth-cache-seconds", 60)),
                Duration.ofMillis(keys.integer("revocation-poll-millis", 2000)),
                keys.string("node-id", "gateway-1"),
                connectors,
                keys.string(
                        "cluster-host",
                        "0.0.0.0".equals(keys.string("host", "0.0.0.0")) ? "localhost" : keys.string("host", "")),
                keys.integer("cluster-port", 61616),
                keys.string("cluster-user", "iot-cluster"),
                connectors.isEmpty() ? keys.string("cluster-password", "") : keys.required("cluster-password"));
    }

    /** Never prints the passwords. */
    @Override
    public String toString() {
        return "GatewaySettings[host=" + host + ", mqtt=" + mqttPort + ", mqtts=" + mqttsPort + ", amqp=" + amqpPort
                + ", amqps=" + amqpsPort + ", http=" + httpPort + ", https=" + httpsPort
                + ", httpMaxBodyBytes=" + httpMaxBodyBytes + ", plainEnabled=" + plainEnabled + ", plainHost="
                + plainHost + ", dataDir=" + dataDir + ", tlsDir=" + tlsDir
                + ", hub=" + hubHostname + ", platform=" + platformUrl + " as " + platformUser + ", backendUser="
                + backendUser
                + ", maxPayloadBytes=" + maxPayloadBytes + ", publishRatePerDevice=" + publishRatePerDevice
                + ", publishMaxDelay=" + publishMaxDelay
                + ", authCache=" + authCache + ", revocationPoll=" + revocationPoll + ", nodeId=" + nodeId
                + ", clusterConnectors=" + clusterConnectors + ", cluster=" + clusterHost + ":" + clusterPort + "]";
    }

    public boolean clustered() {
        return !clusterConnectors.isEmpty();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Looks keys up under the common prefix. */
    private record Keys(SmallRyeConfig config) {
        private Optional<String> value(String key) {
            return config.getOptionalValue(PREFIX + key, String.class).map(String::trim);
        }

        String string(String key, String fallback) {
            return value(key).orElse(fallback);
        }

        int integer(String key, int fallback) {
            return value(key)
                    .map(v -> {
                        try {
                            return Integer.parseInt(v);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException(PREFIX + key + " must be a number, got '" + v + "'");
                        }
                    })
                    .orElse(fallback);
        }

        boolean bool(String key, boolean fallback) {
            return value(key).map(Boolean::parseBoolean).orElse(fallback);
        }

        String required(String key) {
            return value(key)
                    .filter(v -> !v.isEmpty())
                    .orElseThrow(() -> new IllegalArgumentException(PREFIX + key + " is required (environment variable "
                            + (PREFIX + key).toUpperCase().replaceAll("[^A-Z0-9]", "_") + ")"));
        }
    }
}
