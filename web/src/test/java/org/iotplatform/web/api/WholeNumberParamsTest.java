package org.iotplatform.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ParamConverter;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import org.iotplatform.web.api.audit.AuditResource;
import org.iotplatform.web.api.commanding.CommandHistoryResource;
import org.iotplatform.web.api.commanding.MessageResource;
import org.iotplatform.web.api.devices.DeviceResource;
import org.iotplatform.web.api.gateway.GatewayResource;
import org.iotplatform.web.api.telemetry.RejectedMessageResource;
import org.iotplatform.web.api.telemetry.TelemetryResource;
import org.junit.jupiter.api.Test;

class WholeNumberParamsTest {

    private static final List<Class<?>> RESOURCES = List.of(
            AuditResource.class,
            CommandHistoryResource.class,
            MessageResource.class,
            DeviceResource.class,
            GatewayResource.class,
            RejectedMessageResource.class,
            TelemetryResource.class);

    /** The converter JAX-RS would use for the query parameter {@code name} of {@code resource}'s methods. */
    private static ParamConverter<?> converter(Class<?> resource, String name) {
        for (Method m : resource.getMethods()) {
            for (Parameter p : m.getParameters()) {
                QueryParam q = p.getAnnotation(QueryParam.class);
                if (q != null && q.value().equals(name)) {
                    return new WholeNumberParams()
                            .getConverter(p.getType(), p.getParameterizedType(), p.getAnnotations());
                }
            }
        }
        throw new AssertionError(resource.getSimpleName() + " has no query parameter " + name);
    }

    private static String refusal(Class<?> resource, String name, String value) {
        return assertThrows(
                        InvalidParameterException.class,
                        () -> converter(resource, name).fromString(value))
                .getMessage();
    }

    @Test
    void textThatIsNoNumberIsA400NamingTheParameter() {
        assertEquals(
                "pageSize must be a whole number from 1 to 1000", refusal(DeviceResource.class, "pageSize", "abc"));
        assertEquals(
                "pageSize must be a whole number from 1 to 1000", refusal(DeviceResource.class, "pageSize", "2.5"));
        assertEquals("pageSize must be a whole number from 1 to 1000", refusal(DeviceResource.class, "pageSize", ""));
        assertEquals(
                "after must be a whole number from 0 to 9223372036854775807",
                refusal(GatewayResource.class, "after", "yesterday"));
    }

    @Test
    void numbersOutsideTheRangeAreRefused() {
        assertEquals("limit must be a whole number from 1 to 1000", refusal(AuditResource.class, "limit", "-1"));
        assertEquals("limit must be a whole number from 1 to 1000", refusal(AuditResource.class, "limit", "0"));
        assertEquals("limit must be a whole number from 1 to 1000", refusal(AuditResource.class, "limit", "1001"));
        assertEquals("page must be a whole number from 0 to 1000000", refusal(DeviceResource.class, "page", "-1"));
        assertEquals(
                "page must be a whole number from 0 to 1000000", refusal(DeviceResource.class, "page", "2147483647"));
        assertEquals(
                "pageSize must be a whole number from 1 to 1000",
                refusal(DeviceResource.class, "pageSize", "99999999999999999999"));
        assertEquals("limit must be a whole number from 1 to 500", refusal(MessageResource.class, "limit", "501"));
        assertEquals("limit must be a whole number from 1 to 1000000", refusal(TelemetryResource.class, "limit", "-1"));
        assertEquals(
                "after must be a whole number from 0 to 9223372036854775807",
                refusal(GatewayResource.class, "after", "-5"));
    }

    @Test
    void numbersInTheRangeConvert() {
        assertEquals(1000, converter(DeviceResource.class, "pageSize").fromString("1000"));
        assertEquals(0, converter(DeviceResource.class, "page").fromString("0"));
        assertEquals(42L, converter(GatewayResource.class, "after").fromString("42"));
    }

    @Test
    void everyDefaultIsInItsRange() {
        // Jersey converts defaults when the application starts: a default out of range would stop the deployment
        int checked = 0;
        for (Class<?> resource : RESOURCES) {
            for (Method m : resource.getDeclaredMethods()) {
                for (Parameter p : m.getParameters()) {
                    if (!p.isAnnotationPresent(QueryParam.class)
                            && !p.isAnnotationPresent(PathParam.class)
                            && !p.isAnnotationPresent(HeaderParam.class)) {
                        continue;
                    }
                    ParamConverter<?> c = new WholeNumberParams()
                            .getConverter(p.getType(), p.getParameterizedType(), p.getAnnotations());
                    if (c != null) {
                        assertTrue(p.isAnnotationPresent(Range.class), m + " " + p + " has no @Range");
                        DefaultValue d = p.getAnnotation(DefaultValue.class);
                        if (d != null) {
                            c.fromString(d.value());
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(7, checked);
    }

    @Test
    void otherTypesAreLeftToJaxRs() {
        assertNull(new WholeNumberParams()
                .getConverter(String.class, String.class, new java.lang.annotation.Annotation[0]));
        assertNull(new WholeNumberParams().getConverter(double.class, double.class, null));
    }

    @Test
    void theAnswersAreTheApiErrorShape() {
        Response parameter =
                new InvalidParameterMapper().toResponse(new InvalidParameterException("limit must be ..."));
        assertEquals(400, parameter.getStatus());
        assertEquals(new ApiError("invalid-parameter", "limit must be ..."), parameter.getEntity());
        Response json = new InvalidJsonMapper().toResponse(new InvalidJsonException("unknown field 'foo'"));
        assertEquals(400, json.getStatus());
        assertEquals(new ApiError("invalid-json", "unknown field 'foo'"), json.getEntity());
    }
}
