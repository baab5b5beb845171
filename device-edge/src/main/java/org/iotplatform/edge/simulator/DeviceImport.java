package org.iotplatform.edge.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/** Registers simulated devices with the platform, as an administrator would: one bulk import (CSV) with their keys and tags. */
final class DeviceImport {

    private static final Logger LOG = Logger.getLogger(DeviceImport.class.getName());

    private final String platform;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    DeviceImport(String platform, String admin, String password) {
        this.platform = platform;
        this.authorization = "Basic "
                + Base64.getEncoder().encodeToString((admin + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Registers the devices of {@code tags} (device id to tags) the platform does not know yet, with their keys. */
    void registerMissing(Map<String, Map<String, String>> tags, Map<String, byte[]> keys)
            throws IOException, InterruptedException {
        StringBuilder csv = new StringBuilder("deviceId,status,primaryKey,secondaryKey,tags\n");
        int missing = 0;
        for (Map.Entry<String, Map<String, String>> device : tags.entrySet()) {
            HttpResponse<Void> known = http.send(
                    HttpRequest.newBuilder(URI.create(platform + "/api/v1/devices/" + device.getKey()))
                            .header("Authorization", authorization)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (known.statusCode() == 200) {
                continue;
            }
            StringBuilder tagText = new StringBuilder();
            new TreeMap<>(device.getValue())
                    .forEach((k, v) -> tagText.append(tagText.length() == 0 ? "" : ";")
                            .append(k)
                            .append('=')
                            .append(v));
            csv.append(device.getKey())
                    .append(",enabled,")
                    .append(Base64.getEncoder().encodeToString(keys.get(device.getKey())))
                    .append(",,")
                    .append(tagText)
                    .append('\n');
            missing++;
        }
        if (missing == 0) {
            return;
        }
        HttpResponse<String> imported = http.send(
                HttpRequest.newBuilder(URI.create(platform + "/api/v1/devices/import"))
                        .header("Authorization", authorization)
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (imported.statusCode() != 200) {
            throw new IllegalStateException(
                    "registering devices failed (" + imported.statusCode() + "): " + imported.body());
        }
        int registered = missing;
        LOG.info(() -> "registered " + registered + " simulated devices");
    }
}
