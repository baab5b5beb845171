package org.iotplatform.gateway.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.iotplatform.protocol.gateway.ConnectionEvent;
import org.iotplatform.protocol.gateway.DeviceAuthGranted;
import org.iotplatform.protocol.gateway.DeviceAuthRequest;
import org.iotplatform.protocol.gateway.DeviceProtocol;
import org.iotplatform.protocol.gateway.GatewayApi;
import org.iotplatform.protocol.gateway.Revocations;

/** HTTP client of the platform's internal gateway API (HTTP Basic as the gateway's own account). */
public class PlatformClient {

    private static final Logger LOG = Logger.getLogger(PlatformClient.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI platformUrl;
    private final String authorization;
    private final HttpClient http;

    /**
     * @param trust for an {@code https} platform URL: the CA certificate (PEM) to trust; empty: the
     *              JVM's trusted authorities
     */
    public PlatformClient(URI platformUrl, String user, String password, Optional<Path> trust) throws IOException {
        this.platformUrl = platformUrl;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        // HTTP/1.1: the platform speaks no h2c, and upgrade attempts only cost round trips
        HttpClient.Builder builder =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT);
        if (trust.isPresent()) {
            builder.sslContext(trusting(trust.get()));
        }
        this.http = builder.build();
        String host = platformUrl.getHost() == null ? "" : platformUrl.getHost();
        if ("http".equals(platformUrl.getScheme())
                && !host.equals("localhost")
                && !host.startsWith("127.")
                && !host.equals("[::1]")) {
            LOG.warning(() -> "the platform link " + platformUrl
                    + " is plain HTTP to another host: the gateway's password and"
                    + " devices' tokens cross the network in clear; use an https platform-url (and platform-ca)");
        }
    }

    /** An SSL context that trusts the certificates in a PEM file. */
    static SSLContext trusting(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("platform-ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust the certificates in " + pem + ": " + e.getMessage(), e);
        }
    }

    /** Asks whether {@code deviceId} may connect with the SAS token {@code password}. */
    public AuthDecision authenticate(String deviceId, String password, DeviceProtocol protocol, String remoteAddress)
            throws PlatformUnavailableException {
        HttpResponse<String> response =
                send(post(GatewayApi.DEVICE_AUTH, DeviceAuthRequest.of(deviceId, password, protocol, remoteAddress)));
        try {
            if (response.statusCode() == 200) {
                DeviceAuthGranted granted = JsonCodec.MAPPER.readValue(response.body(), DeviceAuthGranted.class);
                if (!deviceId.equals(granted.deviceId())) {
                    throw new PlatformUnavailableException(
                            "device-auth granted '" + granted.deviceId() + "' for '" + deviceId + "'");
                }
                if (granted.expiresAt() == null) {
                    throw new PlatformUnavailableException("device-auth granted without expiry");
                }
                return new AuthDecision.Granted(granted.deviceId(), granted.expiresAt(), granted.incarnation());
            }
            if (response.statusCode() == 403) {
                JsonNode json = JsonCodec.MAPPER.readTree(response.body());
                return new AuthDecision.Refused(json.path("message").asText("forbidden"));
            }
        } catch (IOException | RuntimeException e) {
            throw new PlatformUnavailableException("unreadable device-auth answer: " + e.getMessage(), e);
        }
        throw new PlatformUnavailableException("device-auth answered HTTP " + response.statusCode());
    }

    /** Devices revoked after {@code cursor}; with a null cursor, just the current cursor. */
    public Revocations revocations(Long cursor) throws PlatformUnavailableException {
        String query = cursor == null ? "" : "?after=" + cursor;
        HttpResponse<String> response =
                send(request(GatewayApi.REVOCATIONS + query).GET().build());
        if (response.statusCode() != 200) {
            throw new PlatformUnavailableException("revocations answered HTTP " + response.statusCode());
        }
        try {
            return JsonCodec.MAPPER.readValue(response.body(), Revocations.class);
        } catch (IOException e) {
            throw new PlatformUnavailableException("unreadable revocations answer: " + e.getMessage(), e);
        }
    }

    /** Delivers a batch of connection events; the platform answers 204. */
    public void report(List<ConnectionEvent> events) throws PlatformUnavailableException {
        HttpResponse<String> response = send(post(GatewayApi.CONNECTION_EVENTS, events));
        if (response.statusCode() / 100 != 2) {
            throw new PlatformUnavailableException("connection-events answered HTTP " + response.statusCode());
        }
    }

    private HttpRequest post(String path, Object body) throws PlatformUnavailableException {
        try {
            return request(path)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JsonCodec.MAPPER.writeValueAsBytes(body)))
                    .build();
        } catch (IOException e) {
            throw new PlatformUnavailableException("cannot encode request: " + e.getMessage(), e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(platformUrl + GatewayApi.BASE + "/" + path))
                .timeout(TIMEOUT)
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request) throws PlatformUnavailableException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PlatformUnavailableException("platform unreachable at " + platformUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformUnavailableException("interrupted while calling the platform", e);
        }
    }
}
