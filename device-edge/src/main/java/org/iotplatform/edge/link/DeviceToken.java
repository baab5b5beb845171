package org.iotplatform.edge.link;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The device side of a SAS token (CONTRACT.md), computed as device SDKs do: for simulated, benchmark and bridged devices. */
public final class DeviceToken {

    private DeviceToken() {}

    public static String sas(String hub, String deviceId, byte[] key, long expiryEpochSecond) {
        try {
            String sr = URLEncoder.encode(hub + "/devices/" + deviceId, StandardCharsets.UTF_8);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String sig = Base64.getEncoder()
                    .encodeToString(mac.doFinal((sr + "\n" + expiryEpochSecond).getBytes(StandardCharsets.UTF_8)));
            return "SharedAccessSignature sr=" + sr + "&sig=" + URLEncoder.encode(sig, StandardCharsets.UTF_8) + "&se="
                    + expiryEpochSecond;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
