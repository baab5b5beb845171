package org.iotplatform.registry;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A shared access signature as devices present it (Azure IoT Hub's format):
 * {@code SharedAccessSignature sr=<url-encoded hub/devices/id>&sig=<url-encoded base64 HMAC>&se=<epoch s>}.
 * The signed text is the {@code sr} value exactly as sent, a newline, and {@code se}.
 */
public final class SasToken {

    private static final String PREFIX = "SharedAccessSignature ";

    /** Why a token was refused; {@link #VALID} when it was not. */
    public enum Verdict {
        VALID,
        MALFORMED,
        EXPIRED,
        WRONG_RESOURCE,
        BAD_SIGNATURE
    }

    private final String rawResource;
    private final String resource;
    private final String signature;
    private final long expirySeconds;

    private SasToken(String rawResource, String resource, String signature, long expirySeconds) {
        this.rawResource = rawResource;
        this.resource = resource;
        this.signature = signature;
        this.expirySeconds = expirySeconds;
    }

    /** Parses a token, or empty when it is not one. */
    public static Optional<SasToken> parse(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 2048) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : token.substring(PREFIX.length()).trim().split("&")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            fields.put(part.substring(0, eq), part.substring(eq + 1));
        }
        String sr = fields.get("sr");
        String sig = fields.get("sig");
        String se = fields.get("se");
        if (sr == null || sig == null || se == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SasToken(
                    sr,
                    URLDecoder.decode(sr, StandardCharsets.UTF_8),
                    URLDecoder.decode(sig, StandardCharsets.UTF_8),
                    Long.parseLong(se)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Signs a token for {@code hub/devices/deviceId}, as a device SDK would. */
    public static String create(String hub, DeviceId deviceId, SymmetricKey key, Instant expiry) {
        String sr = URLEncoder.encode(resourceOf(hub, deviceId), StandardCharsets.UTF_8);
        long se = expiry.getEpochSecond();
        String sig = URLEncoder.encode(key.sign(sr + "\n" + se), StandardCharsets.UTF_8);
        return PREFIX + "sr=" + sr + "&sig=" + sig + "&se=" + se;
    }

    static String resourceOf(String hub, DeviceId deviceId) {
        return hub + "/devices/" + deviceId.value();
    }

    public Instant expiry() {
        return Instant.ofEpochSecond(expirySeconds);
    }

    /** Checks the token for {@code deviceId} on {@code hub} against either of the device's keys. */
    public Verdict verify(String hub, DeviceId deviceId, Instant now, SymmetricKey... keys) {
        if (!now.isBefore(expiry())) {
            return Verdict.EXPIRED;
        }
        String expected = resourceOf(hub, deviceId).toLowerCase(Locale.ROOT);
        String actual = resource.toLowerCase(Locale.ROOT);
        // IoT Hub accepts a token for the device resource, with or without a trailing slash
        if (!actual.equals(expected) && !actual.equals(expected + "/")) {
            return Verdict.WRONG_RESOURCE;
        }
        String signed = rawResource + "\n" + expirySeconds;
        for (SymmetricKey key : keys) {
            if (key != null && key.verifies(signed, signature)) {
                return Verdict.VALID;
            }
        }
        return Verdict.BAD_SIGNATURE;
    }

    @Override
    public String toString() {
        return "SasToken[sr=" + resource + ", se=" + expirySeconds + "]";
    }
}
