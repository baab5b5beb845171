package org.iotplatform.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.iotplatform.gateway.tls.LocalCertificateAuthority;
import org.iotplatform.gateway.tls.ServerKeystore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCertificateAuthorityTest {

    @Test
    void createsCaAndServerCertificateOnceAndReusesThem(@TempDir Path dir) throws Exception {
        ServerKeystore first =
                new LocalCertificateAuthority(dir).ensureServerKeystore(Set.of("gw.example", "iothub.local"));
        String ca = Files.readString(first.caCertificate());
        assertTrue(ca.startsWith("-----BEGIN CERTIFICATE-----"));
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server.p12.password"))));

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(first.keystore())) {
            store.load(in, first.password().toCharArray());
        }
        X509Certificate server = (X509Certificate) store.getCertificate("gateway");
        List<String> names = server.getSubjectAlternativeNames().stream()
                .map(n -> n.get(1).toString())
                .toList();
        assertTrue(
                names.containsAll(List.of("localhost", "127.0.0.1", "gw.example", "iothub.local")), names.toString());
        X509Certificate caCert = (X509Certificate) store.getCertificateChain("gateway")[1];
        server.verify(caCert.getPublicKey());

        ServerKeystore second = new LocalCertificateAuthority(dir).ensureServerKeystore(Set.of("other"));
        assertEquals(first.password(), second.password());
        assertEquals(ca, Files.readString(second.caCertificate()), "the CA is reused, not re-issued");
    }
}
