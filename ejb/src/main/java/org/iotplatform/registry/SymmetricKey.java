package org.iotplatform.registry;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A device's 256-bit shared access key. {@link #toString()} never shows it. */
public final class SymmetricKey {

    private static final SecureRandom RANDOM = new SecureRandom();
    public static final int BYTES = 32;

    private final byte[] bytes;

    private SymmetricKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static SymmetricKey generate() {
        byte[] b = new byte[BYTES];
        RANDOM.nextBytes(b);
        return new SymmetricKey(b);
    }

    /** Accepts IoT Hub's key sizes (16-64 bytes) so existing device keys can be imported. */
    public static SymmetricKey fromBase64(String base64) {
        byte[] b;
        try {
            b = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidDeviceException("key is not valid base64");
        }
        if (b.length < 16 || b.length > 64) {
            throw new InvalidDeviceException("key must be 16 to 64 bytes (base64)");
        }
        return new SymmetricKey(b);
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    /** HMAC-SHA256 of {@code text} under this key, base64: the signature of a SAS token. */
    public String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(bytes, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time check of a base64 signature. */
    public boolean verifies(String text, String signature) {
        return MessageDigest.isEqual(
                sign(text).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymmetricKey k && MessageDigest.isEqual(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "SymmetricKey[hidden]";
    }
}
