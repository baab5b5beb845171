package org.iotplatform.gateway.tls;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The PKCS12 keystore the TLS acceptors use, and the CA certificate devices must trust. */
public record ServerKeystore(Path keystore, String password, Path caCertificate) {

    /** A server-side TLS context presenting this keystore's certificate (for the HTTPS device API). */
    public SSLContext sslContext() throws java.io.IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    @Override
    public String toString() {
        return "ServerKeystore[" + keystore + ", ca=" + caCertificate + "]";
    }
}
