package org.iotplatform.gateway.tls;

import java.nio.file.Path;

/** The PKCS12 keystore the TLS acceptors use, and the CA certificate devices must trust. */
public record ServerKeystore(Path keystore, String password, Path caCertificate) {

   @Override
   public String toString() {
      return "ServerKeystore[" + keystore + ", ca=" + caCertificate + "]";
   }
}
