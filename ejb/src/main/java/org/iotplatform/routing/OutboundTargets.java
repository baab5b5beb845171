package org.iotplatform.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where operator-defined routes may deliver. A route is written by an admin, but what it reaches runs
 * with the platform's network position and file permissions, so:
 * <ul>
 * <li>webhooks go only to hosts on {@code iot.routing.allowed-hosts} (names, or {@code *.domain});
 *     with no list, to any host except loopback, link-local (cloud metadata at 169.254.169.254),
 *     wildcard and multicast addresses, checked again at delivery time against what the name
 *     resolves to then (a name can be re-pointed after the route was saved);
 * <li>file routes write only below {@code iot.routing.file-directory};
 * <li>no target may carry Camel endpoint options or placeholders ({@code ?}, {@code &}, <code>{{</code>, {@code $&#123;}).
 * </ul>
 */
@ApplicationScoped
public class OutboundTargets {

    /** Comma-separated (Payara's config producer cannot give an Optional of a list). */
    @Inject
    @ConfigProperty(name = "iot.routing.allowed-hosts")
    Optional<String> allowedHosts;

    @Inject
    @ConfigProperty(name = "iot.routing.file-directory", defaultValue = "iot-routes")
    String fileDirectory;

    /** Refuses a target the platform will not deliver to, saying why. */
    public void check(EndpointType type, String target) {
        RoutingRule.validTarget(type, target);
        String t = target.trim();
        if (t.contains("{{") || t.contains("${")) {
            throw new InvalidRuleException("a target cannot contain placeholders ('{{' or '${')");
        }
        switch (type) {
            case HTTP -> checkHost(URI.create(t), false);
            case FILE -> fileDirectory(t);
            case AMQP -> {} // an address on the platform's own broker: RoutingRule allows only a plain address
        }
    }

    /** At delivery: the webhook's host as it resolves now. */
    public void checkDelivery(String url) {
        checkHost(URI.create(url), true);
    }

    /** The directory a file target names, normalised; refused unless below {@code iot.routing.file-directory}. */
    public Path fileDirectory(String target) {
        if (target.contains("?") || target.contains("&") || target.contains("#")) {
            throw new InvalidRuleException("a file target is a directory path without '?', '&' or '#'");
        }
        Path base = Path.of(fileDirectory).toAbsolutePath().normalize();
        Path dir = Path.of(target).normalize();
        if (!dir.isAbsolute() || !dir.startsWith(base)) {
            throw new InvalidRuleException(
                    "a file target must be a directory below " + base + " (iot.routing.file-directory)");
        }
        return dir;
    }

    private void checkHost(URI uri, boolean resolve) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (uri.getUserInfo() != null) {
            throw new InvalidRuleException("a webhook URL cannot carry credentials");
        }
        List<String> allowed = java.util.Arrays.stream(allowedHosts.orElse("").split(","))
                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .toList();
        if (!allowed.isEmpty()) {
            if (allowed.stream().noneMatch(pattern -> matches(pattern, host))) {
                throw new InvalidRuleException(
                        "webhook host '" + host + "' is not on the allow-list (iot.routing.allowed-hosts)");
            }
            return; // listed by an administrator: even an internal address is meant
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            if (resolve) {
                throw new InvalidRuleException("webhook host '" + host + "' does not resolve");
            }
            return; // may resolve later; checked again at every delivery
        }
        for (InetAddress a : addresses) {
            if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
                throw new InvalidRuleException("webhook host '" + host + "' is " + a.getHostAddress()
                        + ": loopback, link-local and metadata addresses need the host on iot.routing.allowed-hosts");
            }
        }
    }

    static boolean matches(String pattern, String host) {
        return pattern.startsWith("*.") ? host.endsWith(pattern.substring(1)) : pattern.equals(host);
    }
}
