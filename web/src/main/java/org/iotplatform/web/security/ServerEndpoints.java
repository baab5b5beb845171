package org.iotplatform.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Payara's own MicroProfile endpoints {@code /metrics} and {@code /openapi}. Payara adds their
 * servlets to the web module on "/", which is this one, so this module's authentication mechanism
 * is theirs too (Payara's file realm is never asked). payara.sh turns their security on: Payara then
 * admits only the roles it lists (metrics: monitoring, admin; OpenAPI: admin, operator, viewer) over
 * HTTPS (plain HTTP is redirected). {@code /health} stays anonymous, for load balancers.
 *
 * <p>Besides operators, these paths, and only these, accept the monitoring identity: user
 * {@value #MONITORING_USER} with {@code iot.monitoring.password}, in group {@value #MONITORING_GROUP}
 * (what a metrics scraper uses). Without that password there is no monitoring identity.
 */
@ApplicationScoped
public class ServerEndpoints {

    public static final String MONITORING_USER = "monitoring";
    public static final String MONITORING_GROUP = "monitoring";

    @Inject
    @ConfigProperty(name = "iot.monitoring.password")
    Optional<String> monitoringPassword;

    /** The servlet path of a request to Payara's metrics or OpenAPI servlet (mapped {@code /metrics/*}, {@code /openapi/*}). */
    public static boolean isServerEndpoint(String servletPath) {
        return "/metrics".equals(servletPath) || "/openapi".equals(servletPath);
    }

    /** These are the monitoring identity's credentials (compared in constant time). */
    public boolean isMonitoring(String user, String password) {
        Optional<String> expected = monitoringPassword.filter(p -> !p.isBlank());
        return expected.isPresent()
                && MONITORING_USER.equals(user)
                && MessageDigest.isEqual(
                        expected.get().getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
    }
}
