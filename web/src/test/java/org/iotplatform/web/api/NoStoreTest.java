package org.iotplatform.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.iotplatform.web.api.devices.DeviceResource;
import org.junit.jupiter.api.Test;

class NoStoreTest {

    @Test
    void answersWithKeysAreNotStored() {
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        headers.putSingle("Cache-Control", "max-age=60");
        ContainerResponseContext response = (ContainerResponseContext) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ContainerResponseContext.class},
                (proxy, method, args) -> method.getName().equals("getHeaders") ? headers : null);
        new NoStore().filter(null, response);
        assertEquals(java.util.List.of("no-store"), headers.get("Cache-Control"));
        assertEquals(java.util.List.of("no-cache"), headers.get("Pragma"));
    }

    @Test
    void boundToTheDeviceMethodsThatAnswerWithKeys() {
        assertTrue(
                NoStore.class.isAnnotationPresent(CarriesSecrets.class),
                "a name-bound filter, not one for every answer");
        Set<String> secret = Arrays.stream(DeviceResource.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(CarriesSecrets.class))
                .map(Method::getName)
                .collect(Collectors.toSet());
        assertEquals(Set.of("create", "keys", "regenerateKeys", "export"), secret);
        assertFalse(
                DeviceResource.class.isAnnotationPresent(CarriesSecrets.class),
                "listings carry no keys and may be cached");
    }
}
