package org.iotplatform.web.api.gateway;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.iotplatform.web.api.ApiError;

/**
 * The internal gateway API answers only the addresses gateways call from
 * ({@code iot.gateway.allowed-addresses}, loopback by default): it can report any device connected,
 * so a leaked gateway password alone must not be enough from anywhere on the network. Others get
 * 404, as if it did not exist.
 */
@Provider
public class InternalApiAddresses implements ContainerRequestFilter {

    private static final List<String> LOOPBACK = List.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");

    /** Comma-separated (Payara's config producer cannot give an Optional of a list). */
    @Inject
    @ConfigProperty(name = "iot.gateway.allowed-addresses")
    Optional<String> allowed;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        if (!context.getUriInfo().getPath().startsWith("internal/")) {
            return;
        }
        String caller = request.getRemoteAddr();
        List<String> addresses = allowed.filter(list -> !list.isBlank())
                .map(list -> java.util.Arrays.stream(list.split(","))
                        .map(String::trim)
                        .toList())
                .orElse(LOOPBACK);
        if (addresses.stream().noneMatch(a -> a.equals(caller))) {
            context.abortWith(jakarta.ws.rs.core.Response.status(404)
                    .type("application/json")
                    .entity(new ApiError("not-found", "no such resource"))
                    .build());
        }
    }
}
