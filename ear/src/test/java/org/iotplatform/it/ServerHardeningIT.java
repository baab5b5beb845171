package org.iotplatform.it;

import static org.iotplatform.it.Platform.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The application server's own doors (issue 13), on the test domain payara.sh prepared exactly as it
 * prepares ./run.sh's: on the network only the HTTP listeners answer, the admin port wants the
 * password, the admin, JMX, IIOP and Data Grid listeners are on loopback and the JMS broker is off,
 * and neither the headers nor the server's own error pages name Payara. Only a small probe is
 * deployed (a failing servlet, an EJB timer), so unknown paths reach the server itself rather than
 * the platform's web module on "/".
 */
@ExtendWith(ArquillianExtension.class)
class ServerHardeningIT {

    private static final String PROBE = "hardening-probe";
    private static final int ADMIN_PORT = Integer.getInteger("iot.test.admin-port", 20048);
    /** The test domain is created with --portbase: each port is the base plus Payara's fixed offset. */
    private static final int PORT_BASE = ADMIN_PORT - 48;

    private static final int HTTP_PORT = URI.create(Platform.BASE_URL).getPort();
    private static final int HTTPS_PORT = PORT_BASE + 81;
    private static final Map<String, Integer> INTERNAL_PORTS = new LinkedHashMap<>();

    static {
        INTERNAL_PORTS.put("admin", ADMIN_PORT);
        INTERNAL_PORTS.put("JMX", PORT_BASE + 86);
        INTERNAL_PORTS.put("IIOP", PORT_BASE + 37);
        INTERNAL_PORTS.put("IIOP/SSL", PORT_BASE + 38);
        INTERNAL_PORTS.put("IIOP/SSL with client auth", PORT_BASE + 39);
        INTERNAL_PORTS.put("JMS", PORT_BASE + 76);
        INTERNAL_PORTS.put("Data Grid (Hazelcast)", PORT_BASE + 49);
    }

    private static final Pattern BANNER = Pattern.compile("(?i)payara|glassfish");
    /** HTTP/1.1 as browsers speak it on http://: over HTTP/2 Payara sends no Server header anyway. */
    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, PROBE + ".war").addClasses(FailingServlet.class, ProbeTimer.class);
    }

    @Test
    void theAdminPortWantsThePassword() throws Exception {
        String password = System.getenv("PAYARA_ADMIN_PASSWORD");
        assertFalse(password == null || password.isBlank(), "PAYARA_ADMIN_PASSWORD must be set (test.sh sets it)");
        assertEquals(401, admin("/version", null).statusCode(), "without credentials");
        assertEquals(401, admin("/version", basic("admin", "not-the-password")).statusCode());
        assertEquals(200, admin("/version", basic("admin", password)).statusCode());
    }

    @Test
    void theConfigurationKeepsTheServersOwnListenersOnLoopback() throws Exception {
        String config = "/configs/config/server-config/";
        assertLoopback(config + "network-config/network-listeners/network-listener/admin-listener");
        assertLoopback(config + "admin-service/jmx-connector/system");
        for (String iiop : List.of("orb-listener-1", "SSL", "SSL_MUTUALAUTH")) {
            assertLoopback(config + "iiop-service/iiop-listener/" + iiop);
        }
        String jms = adminBody(config + "jms-service");
        assertTrue(jms.contains("\"type\":\"DISABLED\""), "the embedded JMS broker is off: " + jms);
        String dataGrid = adminBody("/get-hazelcast-configuration");
        assertTrue(
                Pattern.compile("DAS Bind Address\\s+127\\.0\\.0\\.1")
                        .matcher(dataGrid)
                        .find(),
                dataGrid);
        for (String protocol : List.of("http-listener-1", "http-listener-2", "admin-listener")) {
            String http = adminBody(config + "network-config/protocols/protocol/" + protocol + "/http");
            assertTrue(
                    http.contains("\"xpoweredBy\":\"false\"") && http.contains("\"serverHeader\":\"false\""),
                    protocol + " sends neither X-Powered-By nor Server: " + http);
        }
    }

    /**
     * Payara's MicroProfile metrics and OpenAPI are secured in the configuration (SecurityApiIT checks
     * them with the platform on "/"). Here, with no application on "/", they sit in the server's
     * default web module, behind the file realm: it has no users, in particular not mp (password mp),
     * which set-metrics-configuration --securityenabled=true creates. Health is not secured.
     */
    @Test
    void payarasMetricsAndOpenApiWantCredentials() throws Exception {
        String config = "/configs/config/server-config/";
        String metrics = adminBody(config + "microprofile-metrics-configuration");
        assertTrue(
                metrics.contains("\"securityEnabled\":\"true\"") && metrics.contains("\"roles\":\"monitoring,admin\""),
                metrics);
        String openapi = adminBody(config + "microprofile-openapi-configuration");
        assertTrue(
                openapi.contains("\"securityEnabled\":\"true\"")
                        && openapi.contains("\"roles\":\"admin,operator,viewer\""),
                openapi);
        String health = adminBody(config + "microprofile-healthcheck-configuration");
        assertTrue(health.contains("\"securityEnabled\":\"false\""), "health is for load balancers: " + health);
        String users = adminBody(config + "security-service/auth-realm/file/list-users");
        assertFalse(users.contains("\"name\":\"mp\""), users);

        for (String path : List.of("/metrics", "/openapi")) {
            var secured = Https.redirected(path, basic("mp", "mp"));
            assertEquals(401, Https.get(secured, null).statusCode(), path + " anonymous");
            assertEquals(401, Https.get(secured, basic("mp", "mp")).statusCode(), path + " as mp");
        }
    }

    @Test
    void onTheNetworkOnlyTheHttpListenersAnswer() throws Exception {
        List<InetAddress> addresses = networkAddresses();
        assumeFalse(addresses.isEmpty(), "this machine has no address besides loopback");
        for (InetAddress address : addresses) {
            assertTrue(
                    answers(address, HTTP_PORT),
                    "HTTP answers on " + address.getHostAddress() + " (else the rest proves nothing)");
            INTERNAL_PORTS.forEach((name, port) -> assertFalse(
                    answers(address, port), name + " port " + port + " answers on " + address.getHostAddress()));
        }
        assertTrue(answers(InetAddress.getLoopbackAddress(), ADMIN_PORT), "the admin port answers on loopback");
    }

    /**
     * ss sees every listening socket of the server process, lazily started and randomly numbered
     * ones too (the EJB timer database's H2 server takes a random port).
     */
    @Test
    void theServerListensOnAllInterfacesWithItsHttpListenersOnly() throws Exception {
        String pid = "pid=" + applicationServer().pid() + ",";
        List<String> listeners =
                run("ss", "-ltnpH").stream().filter(l -> l.contains(pid)).toList();
        Set<Integer> everywhere = new TreeSet<>();
        for (String line : listeners) {
            String local = line.trim().split("\\s+")[3];
            int colon = local.lastIndexOf(':');
            String host = local.substring(0, colon);
            if (host.equals("*") || host.equals("0.0.0.0") || host.equals("[::]")) {
                everywhere.add(Integer.parseInt(local.substring(colon + 1)));
            }
        }
        assertTrue(everywhere.contains(HTTP_PORT), "ss shows the HTTP listener: " + listeners);
        everywhere.removeAll(Set.of(HTTP_PORT, HTTPS_PORT));
        assertTrue(everywhere.isEmpty(), "listening on all interfaces: " + everywhere + " in " + listeners);
    }

    @Test
    void neitherHeadersNorTheServersOwnErrorPagesNameTheServer() throws Exception {
        HttpResponse<String> unknown = get("/no-such-application-" + UUID.randomUUID());
        assertEquals(404, unknown.statusCode());
        assertAnonymous(unknown);

        HttpResponse<String> failed = get("/" + PROBE + "/fail");
        assertEquals(500, failed.statusCode());
        assertAnonymous(failed);
        assertFalse(failed.body().contains("hardening probe failure"), "no exception details: " + failed.body());
        // the docroot, no application being on "/": no Payara welcome page
        assertAnonymous(get("/"));

        // no Host header: refused by the HTTP layer itself
        String badRequest = raw("GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertTrue(badRequest.startsWith("HTTP/1.1 400"), badRequest);
        assertFalse(BANNER.matcher(badRequest).find(), badRequest);
        String lower = badRequest.toLowerCase();
        assertFalse(lower.contains("\nserver:") || lower.contains("\nx-powered-by:"), badRequest);
    }

    private static void assertAnonymous(HttpResponse<String> r) {
        assertEquals(Optional.empty(), r.headers().firstValue("Server"), "Server header on " + r.uri());
        assertEquals(Optional.empty(), r.headers().firstValue("X-Powered-By"), "X-Powered-By header on " + r.uri());
        assertFalse(BANNER.matcher(r.body()).find(), r.uri() + " names the server: " + r.body());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP_1_1.send(Platform.request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> admin(String path, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + ADMIN_PORT + "/management/domain" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return Platform.send(b.GET().build());
    }

    private static String adminBody(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = admin(path, basic("admin", System.getenv("PAYARA_ADMIN_PASSWORD")));
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    private static void assertLoopback(String path) throws IOException, InterruptedException {
        String body = adminBody(path);
        assertTrue(body.contains("\"address\":\"127.0.0.1\""), path + " on loopback: " + body);
    }

    /** This machine's addresses others can reach it on (link-local ones need a scope: left out). */
    private static List<InetAddress> networkAddresses() throws SocketException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            nic.inetAddresses()
                    .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress())
                    .forEach(addresses::add);
        }
        return addresses;
    }

    private static boolean answers(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 3000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static String raw(String request) throws IOException {
        URI base = URI.create(Platform.BASE_URL);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static List<String> run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
        return out.lines().toList();
    }

    private static ProcessHandle applicationServer() {
        String domain = System.getProperty("iot.test.domain", "iot-test");
        return ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .commandLine()
                        .map(c -> c.contains("ASMain") && c.contains("domains/" + domain))
                        .orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no running Payara domain " + domain));
    }
}
