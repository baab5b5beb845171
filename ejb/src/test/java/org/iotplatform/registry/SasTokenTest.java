package org.iotplatform.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SasTokenTest {

    private static final String HUB = "iothub.local";
    private static final DeviceId PUMP = new DeviceId("pump-001");
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final SymmetricKey primary = SymmetricKey.generate();
    private final SymmetricKey secondary = SymmetricKey.generate();

    /** Signed the way the Azure device SDKs do it, independently of the code under test. */
    private static String sdkToken(String resource, String base64Key, long expiry) throws Exception {
        String sr = URLEncoder.encode(resource, StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
        String sig =
                Base64.getEncoder().encodeToString(mac.doFinal((sr + "\n" + expiry).getBytes(StandardCharsets.UTF_8)));
        return "SharedAccessSignature sr=" + sr + "&sig=" + URLEncoder.encode(sig, StandardCharsets.UTF_8) + "&se="
                + expiry;
    }

    private SasToken.Verdict verify(String token) {
        return SasToken.parse(token)
                .map(t -> t.verify(HUB, PUMP, NOW, primary, secondary))
                .orElse(SasToken.Verdict.MALFORMED);
    }

    @Test
    void aTokenSignedLikeTheSdkWithEitherKeyIsValid() throws Exception {
        long se = NOW.plusSeconds(3600).getEpochSecond();
        assertEquals(SasToken.Verdict.VALID, verify(sdkToken("iothub.local/devices/pump-001", primary.base64(), se)));
        assertEquals(SasToken.Verdict.VALID, verify(sdkToken("iothub.local/devices/pump-001", secondary.base64(), se)));
        assertEquals(
                NOW.plusSeconds(3600),
                SasToken.parse(sdkToken("iothub.local/devices/pump-001", primary.base64(), se))
                        .orElseThrow()
                        .expiry());
    }

    @Test
    void ownTokensMatchTheSdkFormat() throws Exception {
        Instant expiry = NOW.plusSeconds(60);
        assertEquals(
                sdkToken("iothub.local/devices/pump-001", primary.base64(), expiry.getEpochSecond()),
                SasToken.create(HUB, PUMP, primary, expiry));
    }

    @Test
    void expiredWrongKeyWrongDeviceAndGarbageAreRefused() throws Exception {
        long past = NOW.minusSeconds(1).getEpochSecond();
        long future = NOW.plusSeconds(3600).getEpochSecond();
        assertEquals(
                SasToken.Verdict.EXPIRED, verify(sdkToken("iothub.local/devices/pump-001", primary.base64(), past)));
        assertEquals(
                SasToken.Verdict.BAD_SIGNATURE,
                verify(sdkToken(
                        "iothub.local/devices/pump-001", SymmetricKey.generate().base64(), future)));
        assertEquals(
                SasToken.Verdict.WRONG_RESOURCE,
                verify(sdkToken("iothub.local/devices/pump-002", primary.base64(), future)));
        assertEquals(
                SasToken.Verdict.WRONG_RESOURCE,
                verify(sdkToken("otherhub.local/devices/pump-001", primary.base64(), future)));
        assertEquals(SasToken.Verdict.MALFORMED, verify("Bearer abc"));
        assertEquals(SasToken.Verdict.MALFORMED, verify("SharedAccessSignature sr=x&sig=y"));
        assertEquals(SasToken.Verdict.MALFORMED, verify("SharedAccessSignature sr=x&sig=y&se=notanumber"));
        assertEquals(SasToken.Verdict.MALFORMED, verify(null));
    }

    @Test
    void aTamperedExpiryBreaksTheSignature() throws Exception {
        String token = sdkToken(
                "iothub.local/devices/pump-001",
                primary.base64(),
                NOW.plusSeconds(60).getEpochSecond());
        String extended =
                token.replaceAll("se=\\d+", "se=" + NOW.plusSeconds(999_999).getEpochSecond());
        assertEquals(SasToken.Verdict.BAD_SIGNATURE, verify(extended));
    }

    @Test
    void keysNeverPrintAndCompareByValue() {
        assertFalse(primary.toString().contains(primary.base64()));
        assertEquals(primary, SymmetricKey.fromBase64(primary.base64()));
        assertEquals(32, Base64.getDecoder().decode(primary.base64()).length);
        assertTrue(primary.verifies("x", primary.sign("x")));
    }
}
