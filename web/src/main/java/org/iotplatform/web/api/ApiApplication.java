package org.iotplatform.web.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.iotplatform.operators.Role;

/** The REST API. Every call authenticates with HTTP Basic as an operator account. */
@ApplicationPath("api/v1")
@DeclareRoles({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME, Role.GATEWAY_NAME})
@OpenAPIDefinition(
        info =
                @Info(
                        title = "IoT Platform API",
                        version = "1",
                        description = "Devices, telemetry, commands, alerts and work orders."),
        security = @SecurityRequirement(name = "basic"))
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
public class ApiApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        // makes @RolesAllowed on resources answer 403 instead of being ignored
        return Map.of(
                "jersey.config.server.provider.classnames",
                "org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature");
    }
}
