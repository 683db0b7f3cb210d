package io.helo.codec.blocking;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS contexts that trust exactly the certificates of a PEM file: a private CA's, or a self-signed server's. */
public final class TrustedCertificates {
    private TrustedCertificates() {
    }

    /**
     * A context for TLS clients that trusts the certificates in {@code pemFile} and nothing else.
     *
     * @param pemFile one or more PEM {@code BEGIN CERTIFICATE} blocks, such as a CA's {@code ca.pem}
     * @return a context whose sockets accept a server only if its chain ends at one of those certificates
     * @throws IOException if the file cannot be read ({@link java.nio.file.NoSuchFileException},
     *     {@link java.nio.file.AccessDeniedException} ...)
     * @throws CertificateException if the file holds no PEM certificate
     * @throws GeneralSecurityException if the JDK cannot make a context of them
     */
    public static SSLContext sslContext(Path pemFile) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pemFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("no PEM certificate in " + pemFile);
        }
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        int n = 0;
        for (Certificate certificate : certificates) {
            anchors.setCertificateEntry("ca-" + ++n, certificate);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
