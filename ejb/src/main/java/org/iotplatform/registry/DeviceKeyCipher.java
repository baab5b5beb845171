package org.iotplatform.registry;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts device keys at rest with AES-256-GCM under the registry's master key. Each value gets
 * a random 96-bit nonce; the device id is bound in as associated data, so a key copied to another
 * device's row does not decrypt. Stored form: {@code v1:<base64(nonce|ciphertext|tag)>}.
 */
public final class DeviceKeyCipher {

    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec masterKey;

    public DeviceKeyCipher(byte[] masterKey) {
        if (masterKey == null || masterKey.length != 32) {
            throw new IllegalArgumentException("the registry master key must be 32 bytes (base64 of 256 bits)");
        }
        this.masterKey = new SecretKeySpec(masterKey, "AES");
    }

    public static DeviceKeyCipher fromBase64(String base64MasterKey) {
        try {
            return new DeviceKeyCipher(Base64.getDecoder().decode(base64MasterKey.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the registry master key must be base64 of 32 bytes", e);
        }
    }

    public String encrypt(DeviceId device, SymmetricKey key) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(device.value().getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(key.bytes());
            return VERSION
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public SymmetricKey decrypt(DeviceId device, String stored) {
        if (stored == null || !stored.startsWith(VERSION)) {
            throw new IllegalStateException("unknown key encoding for device " + device);
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(device.value().getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
            return SymmetricKey.fromBase64(Base64.getEncoder().encodeToString(plain));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // wrong master key or tampered row: never fall back to anything weaker
            throw new IllegalStateException("device key of " + device + " cannot be decrypted (wrong master key?)");
        }
    }
}
