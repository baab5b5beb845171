package org.iotplatform.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The test domain's HTTPS listener (Payara's self-signed certificate, issued to the machine's name),
 * where Payara sends requests for its secured MicroProfile endpoints. Local tests only: any
 * certificate is accepted, and no host name checked (an X509ExtendedTrustManager of one's own
 * replaces the JDK's endpoint identification).
 */
final class Https {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .sslContext(trustingEverything())
            .build();

    private Https() {}

    /**
     * The HTTPS address plain HTTP redirects PATH to (Payara's answer for a secured endpoint), checked
     * for a caller without credentials and for one with them (nothing is served over plain HTTP).
     */
    static URI redirected(String path, String authorization) throws IOException, InterruptedException {
        URI target = null;
        for (String credentials : new String[] {null, authorization}) {
            HttpResponse<String> plain = Platform.get(path, credentials);
            assertEquals(
                    302,
                    plain.statusCode(),
                    path + " over HTTP" + (credentials == null ? "" : " with credentials") + ": " + plain.body());
            target = URI.create(plain.headers().firstValue("Location").orElse(""));
            assertTrue(
                    "https".equals(target.getScheme()) && target.getPath().equals(path),
                    path + " redirected to " + target);
        }
        return target;
    }

    static HttpResponse<String> get(URI uri, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext trustingEverything() {
        TrustManager everything = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {everything}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
