package org.iotplatform.infrastructure.notification;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs a JSON document to a webhook. Redirects are not followed (a redirect could lead past the
 * host checks the caller made); anything but 2xx is a failure.
 */
@ApplicationScoped
public class WebhookSender {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** @return the status the webhook answered */
    public int post(URI url, String json) throws NotificationFailedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "iot-platform")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new NotificationFailedException("the webhook could not be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotificationFailedException("interrupted while calling the webhook");
        }
        if (response.statusCode() / 100 != 2) {
            throw new NotificationFailedException("the webhook answered HTTP " + response.statusCode());
        }
        return response.statusCode();
    }
}
