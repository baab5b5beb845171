package org.iotplatform.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Puts the {@link SecurityHeaders} on every response before anything else writes it. Asynchronous,
 * because Vaadin's server push is: a synchronous filter in its chain would break push. Refusals of
 * the authentication mechanism never reach filters; it adds the headers itself.
 */
@WebFilter(
        filterName = "security-headers",
        urlPatterns = "/*",
        asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class SecurityHeadersFilter extends HttpFilter {

    @Inject
    SecurityHeaders headers;

    public SecurityHeadersFilter() {
        // for the container
    }

    SecurityHeadersFilter(SecurityHeaders headers) {
        this.headers = headers;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        headers.applyTo(response);
        chain.doFilter(request, response);
    }
}
