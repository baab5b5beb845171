package org.iotplatform.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The browser protections every response of the web application carries, dashboard and API alike:
 * a Content-Security-Policy ({@code iot.web.content-security-policy} replaces it), no MIME sniffing,
 * no referrer to other sites, no framing.
 */
@ApplicationScoped
public class SecurityHeaders {

    /**
     * As tight as Vaadin Flow allows. Vaadin needs {@code 'unsafe-inline'} for the bootstrap page's
     * inline script and {@code 'unsafe-eval'} because its client engine builds functions from what the
     * server sends (executeJs, event data); Lumo and components set inline styles, and Lumo's icon font
     * is a data: URL. Everything else (the bundle, the chart element, ECharts under /_static, push over
     * WebSocket or XHR) comes from the dashboard's own origin, which 'self' matches, ws/wss included.
     */
    public static final String DEFAULT_POLICY = "default-src 'self'; "
            + "script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; "
            + "font-src 'self' data:; "
            + "connect-src 'self'; "
            + "object-src 'none'; "
            + "base-uri 'self'; "
            + "form-action 'self'; "
            + "frame-ancestors 'none'";

    @Inject
    @ConfigProperty(name = "iot.web.content-security-policy", defaultValue = DEFAULT_POLICY)
    String policy;

    protected SecurityHeaders() {
        // for CDI
    }

    SecurityHeaders(String policy) {
        this.policy = policy;
    }

    public void applyTo(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", policy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        // for browsers without CSP frame-ancestors; those with it ignore this header
        response.setHeader("X-Frame-Options", "DENY");
    }
}
