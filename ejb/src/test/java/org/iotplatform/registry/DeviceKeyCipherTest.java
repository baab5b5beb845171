package org.iotplatform.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DeviceKeyCipherTest {

    private static byte[] randomMasterKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    private final DeviceKeyCipher cipher = new DeviceKeyCipher(randomMasterKey());
    private final DeviceId device = new DeviceId("pump-001");
    private final SymmetricKey key = SymmetricKey.generate();

    @Test
    void roundTripsAndNeverStoresTheKeyInClear() {
        String stored = cipher.encrypt(device, key);
        assertTrue(stored.startsWith("v1:"));
        assertFalse(stored.contains(key.base64()));
        assertEquals(key, cipher.decrypt(device, stored));
        assertNotEquals(stored, cipher.encrypt(device, key), "fresh nonce every time");
    }

    @Test
    void aKeyMovedToAnotherDeviceOrTamperedOrUnderAnotherMasterKeyDoesNotDecrypt() {
        String stored = cipher.encrypt(device, key);
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(new DeviceId("pump-002"), stored));
        byte[] raw = Base64.getDecoder().decode(stored.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(device, tampered));
        assertThrows(IllegalStateException.class, () -> new DeviceKeyCipher(randomMasterKey()).decrypt(device, stored));
    }

    @Test
    void masterKeyMustBe256Bits() {
        assertThrows(IllegalArgumentException.class, () -> new DeviceKeyCipher(new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> DeviceKeyCipher.fromBase64("not base64!"));
    }
}
