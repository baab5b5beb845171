package org.iotplatform.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbBuilder;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.iotplatform.audit.AuditTrail;
import org.iotplatform.operators.OperatorAccounts;
import org.iotplatform.operators.PasswordChecksBusyException;
import org.iotplatform.operators.SignInThrottle;
import org.iotplatform.web.api.ApiError;

/**
 * The application's single authentication mechanism (Jakarta Security allows one per application).
 *
 * <ul>
 * <li>{@code /api/*}: stateless HTTP Basic on every request; 401 with a challenge otherwise.
 * <li>Payara's {@code /metrics} and {@code /openapi} (their servlets live in this module): the same,
 *     and there the monitoring identity too ({@link ServerEndpoints}); Payara checks the roles.
 * <li>a programmatic login from the dashboard's sign-in view: validated, then remembered in the session.
 * <li>any other request: the session's operator is re-established, or the request passes anonymous
 *     (the view guard decides what an anonymous user may see; UI paths are never challenged).
 * </ul>
 */
@ApplicationScoped
public class IotAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final String API_PREFIX = "/api/";
    /** Set on a refused sign-in that was not even checked: how long to wait (a {@link Duration}). */
    public static final String RETRY_AFTER_ATTRIBUTE = "iot.sign-in.retry-after";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    ServerEndpoints serverEndpoints;

    @Inject
    AuditTrail audit;

    @Inject
    SignInThrottle throttle;

    @Inject
    OperatorAccounts accounts;

    @Inject
    SecurityHeaders securityHeaders;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (isApi(request)) {
            return basic(request, response, context, false);
        }
        if (ServerEndpoints.isServerEndpoint(request.getServletPath())) {
            return basic(request, response, context, true);
        }
        if (context.isAuthenticationRequest() && context.getAuthParameters().getCredential() != null) {
            return signIn(request, context, context.getAuthParameters().getCredential());
        }
        HttpSession session = request.getSession(false);
        if (session != null
                && session.getAttribute(SignedInOperator.SESSION_ATTRIBUTE) instanceof SignedInOperator op) {
            return context.notifyContainerAboutLogin(op.username(), op.roles());
        }
        return context.doNothing();
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(API_PREFIX);
    }

    /** serverEndpoint: Payara's metrics or OpenAPI, where the monitoring identity is accepted too */
    private AuthenticationStatus basic(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpMessageContext context,
            boolean serverEndpoint) {
        String header = request.getHeader("Authorization");
        String address = request.getRemoteAddr();
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                String user = decoded.substring(0, colon);
                String password = decoded.substring(colon + 1);
                var proven = accounts.recentlyVerified(user, password);
                if (proven.isPresent()) {
                    return context.notifyContainerAboutLogin(
                            user, Set.of(proven.get().value()));
                }
                Duration wait = throttle.waitBeforeAttempt(user, address);
                if (!wait.isZero()) {
                    return refuse(
                            response,
                            429,
                            wait,
                            new ApiError(
                                    "too-many-attempts",
                                    "too many failed sign-ins; try again in " + seconds(wait) + " s"));
                }
                if (serverEndpoint && serverEndpoints.isMonitoring(user, password)) {
                    throttle.succeeded(user, address);
                    return context.notifyContainerAboutLogin(user, Set.of(ServerEndpoints.MONITORING_GROUP));
                }
                CredentialValidationResult result;
                try {
                    result = identityStores.validate(new UsernamePasswordCredential(user, password));
                } catch (PasswordChecksBusyException busy) {
                    return refuse(response, 503, Duration.ofSeconds(1), new ApiError("busy", busy.getMessage()));
                }
                if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                    throttle.succeeded(user, address);
                    return context.notifyContainerAboutLogin(result);
                }
                Duration next = throttle.failed(user, address);
                audit.record(
                        user,
                        "operator.api-sign-in-failed",
                        null,
                        "from " + address
                                + (next.isZero() ? "" : "; next attempt checked after " + seconds(next) + " s"));
            }
        }
        // The same answer whether the account is unknown, disabled or the password wrong.
        response.setHeader("WWW-Authenticate", "Basic realm=\"iot-platform\", charset=\"UTF-8\"");
        return refuse(
                response,
                HttpServletResponse.SC_UNAUTHORIZED,
                null,
                new ApiError("unauthorized", "valid operator credentials required (HTTP Basic)"));
    }

    private AuthenticationStatus refuse(HttpServletResponse response, int status, Duration retryAfter, ApiError error) {
        // a refusal ends the request here: the servlet filter that adds these never runs
        securityHeaders.applyTo(response);
        try {
            response.setStatus(status);
            if (retryAfter != null) {
                response.setHeader("Retry-After", Long.toString(seconds(retryAfter)));
            }
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            try (var jsonb = JsonbBuilder.create()) {
                response.getWriter().write(jsonb.toJson(error));
            }
        } catch (Exception e) {
            try {
                response.sendError(status);
            } catch (IOException ignored) {
                // the client went away; nothing left to tell it
            }
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** Whole seconds, rounded up: a client told "0" would try again at once. */
    static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private AuthenticationStatus signIn(HttpServletRequest request, HttpMessageContext context, Credential credential) {
        String attempted = credential instanceof UsernamePasswordCredential c ? c.getCaller() : "?";
        String address = request.getRemoteAddr();
        Duration wait = throttle.waitBeforeAttempt(attempted, address);
        if (!wait.isZero()) {
            request.setAttribute(RETRY_AFTER_ATTRIBUTE, wait);
            return AuthenticationStatus.SEND_FAILURE;
        }
        CredentialValidationResult result;
        try {
            result = identityStores.validate(credential);
        } catch (PasswordChecksBusyException busy) {
            request.setAttribute(RETRY_AFTER_ATTRIBUTE, Duration.ofSeconds(1));
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            Duration next = throttle.failed(attempted, address);
            audit.record(
                    attempted,
                    "operator.sign-in-failed",
                    null,
                    "from " + address + (next.isZero() ? "" : "; next attempt checked after " + seconds(next) + " s"));
            return AuthenticationStatus.SEND_FAILURE;
        }
        throttle.succeeded(attempted, address);
        String name = result.getCallerPrincipal().getName();
        HttpSession session = request.getSession(true);
        // a session id planted before sign-in (fixation) must not become the signed-in session's
        request.changeSessionId();
        session.setAttribute(
                SignedInOperator.SESSION_ATTRIBUTE, new SignedInOperator(name, Set.copyOf(result.getCallerGroups())));
        audit.record(name, "operator.signed-in", null, "from " + address);
        return context.notifyContainerAboutLogin(result);
    }
}
