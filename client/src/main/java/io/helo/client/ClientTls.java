package io.helo.client;

import io.helo.codec.blocking.TrustedCertificates;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Whom the client trusts for {@code --tls}: the JDK's trust store, or the PEM certificates of {@code --tls-ca}. */
final class ClientTls {
    private static final String NO_CERTIFICATE = "no PEM certificate in it (-----BEGIN CERTIFICATE-----)";

    private final SSLContext context;

    private ClientTls(SSLContext context) {
        this.context = context;
    }

    /** Trusts what the JDK trusts: its {@code cacerts}, or the {@code javax.net.ssl.trustStore} system property's. */
    static ClientTls withDefaultTrust() throws ClientFailure {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init((KeyStore) null);
            return new ClientTls(context(trust));
        } catch (GeneralSecurityException e) {
            // a javax.net.ssl.trustStore that is missing or not a key store
            throw new ClientFailure("cannot use the JDK's trust store: " + e.getMessage());
        }
    }

    /** Trusts exactly the certificates in {@code caFile}, one or more PEM {@code BEGIN CERTIFICATE} blocks. */
    static ClientTls trusting(Path caFile) throws InvalidCaFile {
        if (Files.isDirectory(caFile)) {
            throw new InvalidCaFile("is a directory");
        }
        try {
            return new ClientTls(TrustedCertificates.sslContext(caFile));
        } catch (NoSuchFileException e) {
            throw new InvalidCaFile("no such file");
        } catch (AccessDeniedException e) {
            throw new InvalidCaFile("permission denied");
        } catch (IOException e) {
            throw new InvalidCaFile("cannot read it: " + e.getMessage());
        } catch (CertificateException e) {
            throw new InvalidCaFile(NO_CERTIFICATE);
        } catch (GeneralSecurityException e) {
            throw new InvalidCaFile("cannot use its certificates: " + e.getMessage());
        }
    }

    /** The filter for one connection to {@code host}, as the user wrote it, on {@code port}. */
    ClientTlsFilter filter(String host, int port) {
        return new ClientTlsFilter(context, host, port);
    }

    private static SSLContext context(TrustManagerFactory trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** The {@code --tls-ca} file cannot serve as trust anchors; the message says why, in a few words. */
    static final class InvalidCaFile extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidCaFile(String why) {
            super(why, null, false, false);
        }
    }
}
