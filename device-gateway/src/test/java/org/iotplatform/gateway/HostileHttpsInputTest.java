package org.iotplatform.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.iotplatform.gateway.testing.Bystanders;
import org.iotplatform.gateway.testing.Clients.Received;
import org.iotplatform.gateway.testing.HostileCorpus;
import org.iotplatform.gateway.testing.OneGatewayPerClass;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code hostile/https.tsv} against one gateway's HTTPS device API: the answer must be
 * the expected status (with the reason in the body), a message is delivered only when taken and only
 * as the attacker's own, and afterwards no bystander is harmed ({@link Bystanders}).
 */
class HostileHttpsInputTest extends OneGatewayPerClass {

    private static final AtomicInteger ATTACKERS = new AtomicInteger();
    private static Bystanders bystanders;
    private static HttpClient https;

    @BeforeAll
    static void watch() throws Exception {
        bystanders = new Bystanders(gw);
        https = HttpClient.newBuilder()
                .sslContext(gw.trustingCa())
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stopWatching() throws Exception {
        bystanders.close();
    }

    static Stream<Arguments> corpus() {
        return HostileCorpus.cases("https");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void hostileRequestIsAnsweredAndHarmsNoOne(HostileCorpus.Case c) throws Exception {
        c.skipIfMarked();
        int n = ATTACKERS.incrementAndGet();
        String self = "http-att-" + n;
        gw.platform.register(self);
        // a metric name, so that a body carrying it is a valid telemetry message
        String tag = "tag_" + n + "_" + System.nanoTime();
        Map<String, Function<String, String>> words = bystanders.vocabulary(self, tag);
        String method = c.get("method");
        String path = HostileCorpus.expand(c.get("path"), words);
        Map<String, String> headers = new LinkedHashMap<>();
        if (!c.get("headers").isEmpty()) {
            for (String header : HostileCorpus.expand(c.get("headers"), words).split("\\|")) {
                int colon = header.indexOf(':');
                headers.put(
                        header.substring(0, colon).trim(),
                        header.substring(colon + 1).trim());
            }
        }
        byte[] body = body(c, words, tag);

        Set<String> observed = new LinkedHashSet<>();
        String answer;
        if (method.equals("POST-RAW")) {
            answer = raw(path, headers, body);
            observed.add(answer == null ? "no-answer" : "http-" + answer.substring(9, 12));
        } else if (method.equals("POST-HOLD")) {
            answer = hold(path, headers, Integer.parseInt(c.get("body").substring("connections:".length())));
            observed.add(answer.startsWith("204") ? "honest-served" : "honest-starved");
        } else {
            HttpResponse<String> response = send(method, path, headers, body);
            answer = response.statusCode() + " " + response.body();
            observed.add("http-" + response.statusCode());
            if (response.statusCode() >= 400 && response.statusCode() != 405) {
                assertTrue(
                        response.body().contains("\"message\""),
                        c + ": " + response.statusCode() + " without a reason: " + response.body());
            }
        }
        List<Received> spied = bystanders.assertUnharmed(
                "after " + c,
                r -> (r.topic().contains(tag) || r.payload().contains(tag)) && !Bystanders.ownTopic(r, self));
        List<Received> delivered =
                spied.stream().filter(r -> Bystanders.ownTopic(r, self)).toList();
        observed.add(delivered.isEmpty() ? "not-delivered" : "delivered-own");
        if (delivered.size() == 1) {
            observed.add("bag-keys:" + bagKeys(delivered.get(0).topic()));
        }
        System.out.println("hostile https " + c.id() + ": " + observed + " " + abbreviate(answer));
        Set<String> expected = new LinkedHashSet<>(c.expect());
        if (expected.stream().noneMatch(e -> e.endsWith("delivered") || e.startsWith("delivered"))) {
            expected.add("not-delivered");
        }
        assertTrue(
                observed.containsAll(expected),
                c + ": expected " + expected + ", observed " + observed + ", answer " + abbreviate(answer));
        if (observed.contains("delivered-own")) {
            assertEquals(1, delivered.size(), c + ": taken once, delivered once: " + delivered);
        }
    }

    private static byte[] body(HostileCorpus.Case c, Map<String, Function<String, String>> words, String tag) {
        String field = c.get("body");
        if (field.isEmpty()) {
            return ("{\"" + tag + "\":1}").getBytes(StandardCharsets.UTF_8);
        }
        byte[] generated = HostileCorpus.generate(field, tag);
        return generated != null
                ? generated
                : HostileCorpus.expand(field, words).getBytes(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(String method, String path, Map<String, String> headers, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + gw.httpsPort + path))
                .timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        HttpRequest.BodyPublisher publisher = method.equals("POST-CHUNKED")
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)) // no length: chunked
                : HttpRequest.BodyPublishers.ofByteArray(body);
        switch (method) {
            case "GET", "DELETE" -> request.method(method, HttpRequest.BodyPublishers.noBody());
            case "POST-CHUNKED" -> request.POST(publisher);
            default -> request.method(method, publisher);
        }
        return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The request written by hand over TLS; the status line and body of the answer, or {@code null} when the connection closed unanswered. */
    private static String raw(String path, Map<String, String> headers, byte[] body) throws Exception {
        try (SSLSocket socket =
                (SSLSocket) gw.trustingCa().getSocketFactory().createSocket("localhost", gw.httpsPort)) {
            socket.setSoTimeout(20_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(
                    ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n").getBytes(StandardCharsets.ISO_8859_1));
            headers.forEach((name, value) ->
                    request.writeBytes((name + ": " + value + "\r\n").getBytes(StandardCharsets.ISO_8859_1)));
            request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            request.writeBytes(body);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException closedWhileSending) {
                // the answer may already be there
            }
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                int read;
                while (!answered(answer) && (read = in.read(buffer)) >= 0) {
                    answer.write(buffer, 0, read);
                }
            } catch (IOException e) {
                // reset after (or instead of) an answer
            }
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            return text.startsWith("HTTP/1.1 ") ? text : null;
        }
    }

    /**
     * Opens {@code connections} TLS connections that send the request's headers and then nothing, and
     * while they are open posts an honest device's telemetry: its answer ({@code 204 ...}), or why none.
     */
    private static String hold(String path, Map<String, String> headers, int connections) throws Exception {
        List<SSLSocket> held = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService honestDevice = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < connections; i++) {
                SSLSocket socket =
                        (SSLSocket) gw.trustingCa().getSocketFactory().createSocket();
                held.add(socket);
                socket.connect(new java.net.InetSocketAddress("localhost", gw.httpsPort), 5000);
                socket.setSoTimeout(5000);
                try {
                    socket.startHandshake();
                } catch (IOException e) {
                    break; // the gateway has no thread left for a handshake: as many as it takes
                }
                StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n");
                headers.forEach((name, value) ->
                        request.append(name).append(": ").append(value).append("\r\n"));
                socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            }
            Thread.sleep(500); // the gateway's threads pick them up
            String honest = Bystanders.HONEST;
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("https://localhost:" + gw.httpsPort + "/devices/" + honest + "/messages/events"))
                    .header(
                            "Authorization",
                            gw.platform.token(honest, java.time.Instant.now().plusSeconds(3600)))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"held\":1}"))
                    .build();
            // in a thread of its own: a TLS handshake nobody serves has no time limit of its own
            java.util.concurrent.Future<HttpResponse<String>> answer =
                    honestDevice.submit(() -> https.send(request, HttpResponse.BodyHandlers.ofString()));
            try {
                HttpResponse<String> response = answer.get(15, java.util.concurrent.TimeUnit.SECONDS);
                return response.statusCode() + " " + response.body();
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                answer.cancel(true);
                return "no answer within 15 s while " + held.size() + " connections held their requests back: " + e;
            }
        } finally {
            for (SSLSocket socket : held) {
                socket.close();
            }
            honestDevice.shutdownNow();
        }
    }

    /** Whether a whole answer (headers and the Content-Length of body) has arrived. */
    private static boolean answered(ByteArrayOutputStream answer) {
        String text = answer.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        java.util.regex.Matcher length =
                java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text.substring(0, end));
        return !length.find() || text.length() - end - 4 >= Integer.parseInt(length.group(1));
    }

    /** The keys of the property bag the back end got with the topic ({@code ...events/k=v&k=v}), decoded and sorted. */
    private static String bagKeys(String topic) {
        String bag = topic.substring(topic.indexOf("/messages/events/") + "/messages/events/".length());
        if (bag.isEmpty()) {
            return "";
        }
        return Arrays.stream(bag.split("&"))
                .map(pair -> URLDecoder.decode(pair.substring(0, pair.indexOf('=')), StandardCharsets.UTF_8))
                .collect(Collectors.toCollection(TreeSet::new))
                .stream()
                .collect(Collectors.joining(","));
    }

    private static String abbreviate(String s) {
        return s == null ? "(none)" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
