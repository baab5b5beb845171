package org.iotplatform.web.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * {@code Cache-Control: no-store} on the answers of {@link CarriesSecrets} methods, so no browser
 * cache, proxy or "back" button keeps a device key; {@code Pragma} for HTTP/1.0 caches.
 */
@Provider
@CarriesSecrets
public class NoStore implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        response.getHeaders().putSingle("Pragma", "no-cache");
    }
}
