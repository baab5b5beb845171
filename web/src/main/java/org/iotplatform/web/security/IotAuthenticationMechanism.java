package org.iotplatform.web.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

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

import org.iotplatform.audit.AuditTrail;
import org.iotplatform.web.api.ApiError;

/**
 * The application's single authentication mechanism (Jakarta Security allows one per application).
 *
 * <ul>
 * <li>{@code /api/*}: stateless HTTP Basic on every request; 401 with a challenge otherwise.
 * <li>a programmatic login from the dashboard's sign-in view: validated, then remembered in the session.
 * <li>any other request: the session's operator is re-established, or the request passes anonymous
 *     (the view guard decides what an anonymous user may see; UI paths are never challenged).
 * </ul>
 */
@ApplicationScoped
public class IotAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final String API_PREFIX = "/api/";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    AuditTrail audit;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (isApi(request)) {
            return basic(request, response, context);
        }
        if (context.isAuthenticationRequest() && context.getAuthParameters().getCredential() != null) {
            return signIn(request, context, context.getAuthParameters().getCredential());
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SignedInOperator.SESSION_ATTRIBUTE) instanceof SignedInOperator op) {
            return context.notifyContainerAboutLogin(op.username(), op.roles());
        }
        return context.doNothing();
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(API_PREFIX);
    }

    private AuthenticationStatus basic(HttpServletRequest request, HttpServletResponse response,
                                       HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = "";
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                CredentialValidationResult result = identityStores.validate(
                        new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
                if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                    return context.notifyContainerAboutLogin(result);
                }
            }
        }
        // The same answer whether the account is unknown, disabled or the password wrong.
        try {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Basic realm=\"iot-platform\", charset=\"UTF-8\"");
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            try (var jsonb = JsonbBuilder.create()) {
                response.getWriter().write(jsonb.toJson(
                        new ApiError("unauthorized", "valid operator credentials required (HTTP Basic)")));
            }
        } catch (Exception e) {
            try {
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            } catch (IOException ignored) {
                // the client went away; nothing left to tell it
            }
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private AuthenticationStatus signIn(HttpServletRequest request, HttpMessageContext context, Credential credential) {
        CredentialValidationResult result = identityStores.validate(credential);
        String attempted = credential instanceof UsernamePasswordCredential c ? c.getCaller() : "?";
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            audit.record(attempted, "operator.sign-in-failed", null, "from " + request.getRemoteAddr());
            return AuthenticationStatus.SEND_FAILURE;
        }
        String name = result.getCallerPrincipal().getName();
        request.getSession(true).setAttribute(SignedInOperator.SESSION_ATTRIBUTE,
                new SignedInOperator(name, Set.copyOf(result.getCallerGroups())));
        audit.record(name, "operator.signed-in", null, "from " + request.getRemoteAddr());
        return context.notifyContainerAboutLogin(result);
    }
}
