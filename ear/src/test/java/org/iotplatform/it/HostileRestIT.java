package org.iotplatform.it;

import static org.iotplatform.it.Platform.ADMIN_PASSWORD;
import static org.iotplatform.it.Platform.basic;
import static org.iotplatform.it.Platform.sendJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile requests against the REST API, one per line of {@code hostile/rest.tsv}: malformed JSON,
 * wrong types, unknown fields, duplicate keys, deep nesting, oversized bodies, bad paging parameters,
 * unknown devices. Each must get its 4xx (never a 500) and an answer that shows nothing of the
 * server's insides.
 */
@ExtendWith(ArquillianExtension.class)
class HostileRestIT {

    private static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    private static final String GATEWAY = basic("gateway", System.getenv("IOT_GATEWAY_PASSWORD"));
    private static final String DEVICE =
            "hostile-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Pattern STACK_FRAME =
            Pattern.compile("at [\\w$.]+\\((?:[\\w$]+\\.java:\\d+|Native Method|Unknown Source)\\)");
    private static final Pattern ERROR_CODE = Pattern.compile("\"error\":\"([^\"]*)\"");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.platformEar();
    }

    /** One line of the corpus. */
    record Case(
            int line,
            String method,
            String path,
            String contentType,
            String body,
            int status,
            String error,
            String caller) {

        @Override
        public String toString() {
            String shown = body.length() > 60 ? body.substring(0, 60) + "..." : body;
            return "line " + line + ": " + method + " " + path + " " + shown + " -> " + status;
        }
    }

    static List<Case> corpus() throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(
                        HostileRestIT.class.getResourceAsStream("/hostile/rest.tsv"), "hostile/rest.tsv"),
                StandardCharsets.UTF_8))) {
            List<String> lines = in.lines().toList();
            return java.util.stream.IntStream.range(0, lines.size())
                    .filter(i -> !lines.get(i).isBlank() && !lines.get(i).startsWith("#"))
                    .mapToObj(i -> {
                        String[] f = lines.get(i).split("\t", -1);
                        if (f.length != 7) {
                            throw new IllegalStateException(
                                    "hostile/rest.tsv line " + (i + 1) + " has " + f.length + " columns, not 7");
                        }
                        return new Case(i + 1, f[0], f[1], f[2], f[3], Integer.parseInt(f[4]), f[5], f[6]);
                    })
                    .toList();
        }
    }

    @BeforeAll
    static void aDeviceToAimAt() throws Exception {
        HttpResponse<String> created = sendJson("POST", "/api/v1/devices", ADMIN, "{\"deviceId\":\"" + DEVICE + "\"}");
        assertEquals(201, created.statusCode(), created.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedCleanly(Case c) throws Exception {
        if (c.body().startsWith("@big-")) {
            largeBody(c);
            return;
        }
        HttpRequest.Builder request = Platform.request(c.path().replace("{device}", DEVICE))
                .header("Authorization", "gateway".equals(c.caller()) ? GATEWAY : ADMIN)
                .method(c.method(), body(c.body()));
        if (!"-".equals(c.contentType())) {
            request.header("Content-Type", c.contentType());
        }
        HttpResponse<String> answer = Platform.send(request.build());
        assertCleanRefusal(c, answer.statusCode(), answer.body());
    }

    /**
     * Megabytes of body over a plain HTTP/1.1 connection, written by one thread while this one reads
     * the answer: a server that refuses early (413 on the announced length, or once the limit is
     * crossed) answers and closes the connection mid-body, which Java's HttpClient reports as an EOF
     * instead of the answer. The writer's broken pipe is expected then.
     */
    private static void largeBody(Case c) throws Exception {
        java.net.URI base = java.net.URI.create(Platform.BASE_URL);
        boolean chunked = c.body().contains("chunked");
        byte[] bytes = c.body().startsWith("@big-csv") ? bigCsv(size(c.body())) : bigJson(size(c.body()));
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            String head = c.method() + " " + c.path().replace("{device}", DEVICE) + " HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Authorization: " + ("gateway".equals(c.caller()) ? GATEWAY : ADMIN) + "\r\n"
                    + "Content-Type: " + c.contentType() + "\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + bytes.length + "\r\n")
                    + "Connection: close\r\n\r\n";
            java.io.OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(
                    () -> {
                        try {
                            out.write(head.getBytes(StandardCharsets.US_ASCII));
                            for (int at = 0; at < bytes.length; at += 65_536) {
                                int n = Math.min(65_536, bytes.length - at);
                                if (chunked) {
                                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                                }
                                out.write(bytes, at, n);
                                if (chunked) {
                                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                                }
                            }
                            if (chunked) {
                                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                            }
                            out.flush();
                        } catch (java.io.IOException refusedMidBody) {
                            // the server answered and closed before the whole body was sent
                        }
                    },
                    "large-body-writer");
            writer.setDaemon(true);
            writer.start();
            java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            assertTrue(status != null && status.startsWith("HTTP/1.1 "), "an HTTP answer: " + status);
            int code = Integer.parseInt(status.substring(9, 12));
            long contentLength = -1;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    contentLength = Long.parseLong(line.substring(15).trim());
                }
            }
            StringBuilder body = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n; body.length() < (contentLength < 0 ? 65_536 : contentLength) && (n = in.read(buffer)) > 0; ) {
                body.append(buffer, 0, n);
            }
            assertCleanRefusal(c, code, body.toString());
        }
    }

    private static int size(String spec) {
        return Integer.parseInt(spec.substring(spec.indexOf(':') + 1));
    }

    private static void assertCleanRefusal(Case c, int status, String body) {
        assertNotEquals(500, status, body);
        assertEquals(c.status(), status, body);
        if (!"-".equals(c.error())) {
            var code = ERROR_CODE.matcher(body);
            assertEquals(c.error(), code.find() ? code.group(1) : body);
        }
        String lower = body.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("hibernate"), body);
        assertFalse(lower.contains("yasson"), body);
        assertFalse(body.contains("org."), body);
        assertFalse(body.contains("Exception"), body);
        assertFalse(STACK_FRAME.matcher(body).find(), body);
    }

    /** The body a corpus line names: as written (with {@code \n} line breaks), or made here. */
    private static HttpRequest.BodyPublisher body(String spec) {
        if ("-".equals(spec)) {
            return HttpRequest.BodyPublishers.noBody();
        }
        if (!spec.startsWith("@")) {
            return HttpRequest.BodyPublishers.ofString(spec.replace("\\n", "\n"));
        }
        String[] generator = spec.substring(1).split(":");
        int n = Integer.parseInt(generator[1]);
        return switch (generator[0]) {
            case "deep-array" -> HttpRequest.BodyPublishers.ofString("[".repeat(n) + "]".repeat(n));
            case "deep-object" -> HttpRequest.BodyPublishers.ofString("{\"a\":".repeat(n) + "1" + "}".repeat(n));
            case "deep-payload" ->
                HttpRequest.BodyPublishers.ofString("{\"payload\":" + "[".repeat(n) + "]".repeat(n) + "}");
            case "big-json" -> HttpRequest.BodyPublishers.ofByteArray(bigJson(n));
            case "big-json-chunked" -> {
                byte[] bytes = bigJson(n);
                yield HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(bytes)); // no length: chunked
            }
            case "big-csv" -> HttpRequest.BodyPublishers.ofByteArray(bigCsv(n));
            default -> throw new IllegalArgumentException("no body generator " + spec);
        };
    }

    /** A well-formed JSON object of exactly {@code size} bytes: only its size is wrong. */
    private static byte[] bigJson(int size) {
        String head = "{\"deviceId\":\"hostile-big\",\"tags\":{\"pad\":\"";
        String tail = "\"}}";
        return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    /** A device CSV file of {@code size} bytes (its rows need not be importable: it must not get that far). */
    private static byte[] bigCsv(int size) {
        StringBuilder csv = new StringBuilder("deviceId,status,primaryKey,secondaryKey,tags\n");
        for (int i = 0; csv.length() < size; i++) {
            csv.append("hostile-bulk-")
                    .append(String.format("%08d", i))
                    .append(",enabled,,,station=s")
                    .append(i % 50)
                    .append('\n');
        }
        csv.setLength(size);
        return csv.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
