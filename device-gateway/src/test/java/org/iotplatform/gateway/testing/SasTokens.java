package org.iotplatform.gateway.testing;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SAS tokens as CONTRACT.md defines them: {@code SharedAccessSignature sr=<url-encoded "<hub>/devices/<id>">&sig=<url-encoded
 * base64 HMAC-SHA256(key, sr + "\n" + se)>&se=<epoch seconds>}. Signing and verification live in the test fake because
 * the real verification is the platform's job.
 */
public final class SasTokens {

    private SasTokens() {}

    public static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public static String sign(String hub, String deviceId, String base64Key, Instant expiry) {
        String sr = urlEncode(hub + "/devices/" + deviceId);
        long se = expiry.getEpochSecond();
        return "SharedAccessSignature sr=" + sr + "&sig=" + urlEncode(hmac(base64Key, sr + "\n" + se)) + "&se=" + se;
    }

    /** The checked content of a token, or an exception naming what is wrong with it. */
    public record Parsed(String resource, String signature, long expiry) {}

    public static Parsed parse(String token) {
        if (token == null || !token.startsWith("SharedAccessSignature ")) {
            throw new IllegalArgumentException("not a SAS token");
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : token.substring("SharedAccessSignature ".length()).split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        if (!fields.containsKey("sr") || !fields.containsKey("sig") || !fields.containsKey("se")) {
            throw new IllegalArgumentException("malformed SAS token");
        }
        return new Parsed(
                fields.get("sr"),
                URLDecoder.decode(fields.get("sig"), StandardCharsets.UTF_8),
                Long.parseLong(fields.get("se")));
    }

    /** The resource ({@code <hub>/devices/<id>}) decoded: Azure's Java SDK sends {@code sr} without URL-encoding it. */
    public static String decodedResource(Parsed token) {
        return URLDecoder.decode(token.resource(), StandardCharsets.UTF_8);
    }

    /**
     * Whether {@code token}'s signature was made with {@code base64Key} (constant time). The HMAC covers the
     * {@code sr} field exactly as it appears in the token: URL-encoded in the contract's tokens, unencoded in
     * those of Azure's Java device SDK 2.5.0 (which signs what it sends).
     */
    public static boolean signatureMatches(Parsed token, String base64Key) {
        byte[] expected =
                hmac(base64Key, token.resource() + "\n" + token.expiry()).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, token.signature().getBytes(StandardCharsets.US_ASCII));
    }

    public static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String hmac(String base64Key, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
