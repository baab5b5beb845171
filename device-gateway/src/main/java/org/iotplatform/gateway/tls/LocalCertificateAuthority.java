package org.iotplatform.gateway.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Logger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes, once, a self-signed CA and a server certificate signed by it, so that devices can connect over
 * TLS to a freshly installed gateway by trusting {@code ca.pem}. Later starts reuse what is in the
 * directory; delete it to issue new certificates.
 */
public final class LocalCertificateAuthority {

    private static final Logger LOG = Logger.getLogger(LocalCertificateAuthority.class.getName());
    static final String KEYSTORE = "server.p12";
    static final String PASSWORD_FILE = "server.p12.password";
    static final String CA_CERT = "ca.pem";
    private static final String ALIAS = "gateway";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(825);

    private final Path directory;
    private final SecureRandom random = new SecureRandom();

    public LocalCertificateAuthority(Path directory) {
        this.directory = directory;
    }

    /** Returns the existing keystore, or creates CA, server certificate and keystore for {@code hostNames}. */
    public ServerKeystore ensureServerKeystore(Set<String> hostNames) throws IOException, GeneralSecurityException {
        Path keystore = directory.resolve(KEYSTORE);
        Path passwordFile = directory.resolve(PASSWORD_FILE);
        Path ca = directory.resolve(CA_CERT);
        if (Files.exists(keystore) && Files.exists(passwordFile) && Files.exists(ca)) {
            ServerKeystore existing =
                    new ServerKeystore(keystore, Files.readString(passwordFile).trim(), ca);
            LOG.info(() ->
                    "TLS: reusing the server certificate in " + keystore + "; devices trust " + ca.toAbsolutePath());
            return existing;
        }
        Files.createDirectories(directory);
        KeyPair caKeys = newKeyPair();
        X509Certificate caCert = issueCa(caKeys);
        KeyPair serverKeys = newKeyPair();
        Set<String> names = new LinkedHashSet<>(Set.of("localhost", "127.0.0.1"));
        names.addAll(hostNames);
        names.remove("0.0.0.0");
        X509Certificate serverCert = issueServer(serverKeys, names, caKeys, caCert);

        String password = newPassword();
        writePrivate(passwordFile, password.getBytes(StandardCharsets.US_ASCII));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
                ALIAS, serverKeys.getPrivate(), password.toCharArray(), new Certificate[] {serverCert, caCert});
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, password.toCharArray());
        }
        restrictToOwner(keystore);
        Files.writeString(ca, pem(caCert));
        // The CA key is not kept: nothing else is ever signed with it, and a stolen CA key could not be revoked.
        LOG.info(() -> "TLS: created a local CA and a server certificate for " + names + "; devices trust "
                + ca.toAbsolutePath());
        return new ServerKeystore(keystore, password, ca);
    }

    private X509Certificate issueCa(KeyPair keys) throws GeneralSecurityException, IOException {
        X500Name name = new X500Name("CN=IoT platform local CA " + Instant.now().getEpochSecond() + ",O=IoT platform");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name,
                serial(),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(CA_VALIDITY)),
                name,
                keys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        return sign(builder, keys);
    }

    private X509Certificate issueServer(KeyPair keys, Set<String> names, KeyPair caKeys, X509Certificate caCert)
            throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                caCert,
                serial(),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(SERVER_VALIDITY)),
                new X500Name("CN=" + names.iterator().next() + ",O=IoT platform"),
                keys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(
                Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(names.stream()
                        .map(LocalCertificateAuthority::generalName)
                        .toArray(GeneralName[]::new)));
        builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
        return sign(builder, caKeys);
    }

    private static GeneralName generalName(String name) {
        return isIpAddress(name)
                ? new GeneralName(GeneralName.iPAddress, name)
                : new GeneralName(GeneralName.dNSName, name);
    }

    private static boolean isIpAddress(String name) {
        if (!name.matches("[0-9.]+") && !name.contains(":")) {
            return false;
        }
        try {
            InetAddress.getByName(name); // literal addresses are parsed, never looked up
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws GeneralSecurityException {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate());
            X509CertificateHolder holder = builder.build(contentSigner);
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign certificate", e);
        }
    }

    private KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, random);
        return generator.generateKeyPair();
    }

    private BigInteger serial() {
        return new BigInteger(64, random).abs().add(BigInteger.ONE);
    }

    private String newPassword() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        // URL-safe alphabet: the password ends up in an acceptor URI.
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(bytes)
                .replace('-', 'a')
                .replace('_', 'b');
    }

    private static String pem(X509Certificate certificate) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        }
        return text.toString();
    }

    private static void writePrivate(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file);
        restrictToOwner(file);
        Files.write(file, content);
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.warning(() -> "cannot restrict permissions of " + file + " on this file system");
        }
    }
}
