package org.shakenpki.it;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

/** Trusts the TLS certificate the build made for the server under test (hsm-config/create-tls-keystore.sh). */
public final class TestTls {
    private TestTls() {
    }

    public static Path serverCertificate() {
        return Path.of(System.getProperty("it.tls.dir", "target/it-tls"), "server.pem");
    }

    public static SSLContext context() {
        try (InputStream pem = Files.newInputStream(serverCertificate())) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust the test server certificate " + serverCertificate(), e);
        }
    }
}
