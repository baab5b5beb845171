package org.iotplatform.web.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.fakeservlet.FakeContext;
import com.github.mvysny.fakeservlet.FakeHttpSession;
import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.fakeservlet.FakeResponse;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.annotation.WebFilter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {

    private static FakeResponse filtered(SecurityHeaders headers) throws Exception {
        FakeResponse response = new FakeResponse();
        boolean[] before = {false};
        new SecurityHeadersFilter(headers)
                .doFilter(
                        new FakeRequest(FakeHttpSession.Companion.create(new FakeContext())),
                        response,
                        (req, res) -> before[0] = response.getHeader("Content-Security-Policy") != null);
        assertTrue(before[0], "set before the dashboard or API writes (and commits) the response");
        return response;
    }

    @Test
    void everyResponseCarriesTheBrowserProtections() throws Exception {
        FakeResponse response = filtered(new SecurityHeaders(SecurityHeaders.DEFAULT_POLICY));
        assertEquals(SecurityHeaders.DEFAULT_POLICY, response.getHeader("Content-Security-Policy"));
        assertEquals("nosniff", response.getHeader("X-Content-Type-Options"));
        assertEquals("same-origin", response.getHeader("Referrer-Policy"));
        assertEquals("DENY", response.getHeader("X-Frame-Options"));
    }

    @Test
    void aConfiguredPolicyReplacesTheDefault() throws Exception {
        String policy = "default-src 'self'; frame-ancestors https://portal.example";
        assertEquals(policy, filtered(new SecurityHeaders(policy)).getHeader("Content-Security-Policy"));
    }

    @Test
    void theDefaultPolicyGivesVaadinWhatItNeedsAndNoMore() {
        Map<String, String> directives = Arrays.stream(SecurityHeaders.DEFAULT_POLICY.split(";"))
                .map(String::trim)
                .collect(Collectors.toMap(d -> d.split(" ", 2)[0], Function.identity()));
        // Vaadin Flow: inline bootstrap script, functions built from executeJs, inline styles, Lumo's data: icon font
        assertEquals("script-src 'self' 'unsafe-inline' 'unsafe-eval'", directives.get("script-src"));
        assertEquals("style-src 'self' 'unsafe-inline'", directives.get("style-src"));
        assertEquals("font-src 'self' data:", directives.get("font-src"));
        assertEquals("default-src 'self'", directives.get("default-src"));
        assertEquals("connect-src 'self'", directives.get("connect-src"));
        assertEquals("frame-ancestors 'none'", directives.get("frame-ancestors"));
        assertEquals("object-src 'none'", directives.get("object-src"));
        assertEquals("base-uri 'self'", directives.get("base-uri"));
        assertEquals("form-action 'self'", directives.get("form-action"));
        for (String d : directives.values()) {
            List<String> sources = List.of(d.split(" ")).subList(1, d.split(" ").length);
            assertFalse(
                    sources.stream().anyMatch(s -> s.contains("*") || s.matches("(https?|wss?|blob):")),
                    "no other origin may serve or receive anything: " + d);
        }
    }

    @Test
    void coversEveryPathAndServerPush() {
        WebFilter mapping = SecurityHeadersFilter.class.getAnnotation(WebFilter.class);
        assertArrayEquals(new String[] {"/*"}, mapping.urlPatterns());
        // a synchronous filter in Vaadin's chain would break @Push
        assertTrue(mapping.asyncSupported());
        assertTrue(Arrays.asList(mapping.dispatcherTypes())
                .containsAll(List.of(DispatcherType.REQUEST, DispatcherType.ERROR)));
    }
}
