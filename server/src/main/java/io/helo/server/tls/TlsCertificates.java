package io.helo.server.tls;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.apache.mina.filter.ssl.SslFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's certificate and key, reloaded when their files change or when asked (SIGHUP), without a restart:
 * sessions that began keep the TLS filter they began with; new ones get the new certificate. A change that does not
 * load (half written, a key that does not match) keeps the certificate in use, and the reason is logged once per
 * change of the files.
 */
public final class TlsCertificates {
    private static final Logger LOG = LoggerFactory.getLogger(TlsCertificates.class);
    private static final Duration SOON = Duration.ofDays(14);

    private final Path certificateFile;
    private final Path keyFile;
    private volatile Loaded current;
    private byte[] lastTried;

    private record Loaded(ServerTlsFilter filter, CertificateFiles.Material material) {
    }

    private TlsCertificates(Path certificateFile, Path keyFile, Loaded current) {
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        this.current = current;
        this.lastTried = current.material().digest();
    }

    /**
     * Loads the certificate chain and key from their PEM files.
     *
     * @param certificateFile the certificate chain, leaf first
     * @param keyFile the leaf's private key
     * @return the loaded certificate
     * @throws CertificateProblem if either file cannot serve, naming it and why
     */
    public static TlsCertificates load(Path certificateFile, Path keyFile) throws CertificateProblem {
        CertificateFiles.Material material = CertificateFiles.read(certificateFile, keyFile);
        TlsCertificates certificates = new TlsCertificates(certificateFile, keyFile,
                new Loaded(filter(material, certificateFile), material));
        certificates.logLoaded("TLS certificate loaded");
        return certificates;
    }

    /** The TLS filter a new session gets: the latest certificate that loaded. */
    SslFilter filter() {
        return current.filter();
    }

    /**
     * When the certificate in use expires.
     *
     * @return its notAfter instant
     */
    public Instant expiry() {
        return current.material().leaf().getNotAfter().toInstant();
    }

    /** Reloads if the files changed since they were last tried; a failure is logged once per change. */
    public synchronized void reloadIfChanged() {
        reload(false);
    }

    /** Reloads now, as asked by SIGHUP: logs the outcome even if the files are as they were. */
    public synchronized void reloadNow() {
        reload(true);
    }

    private void reload(boolean asked) {
        CertificateFiles.Snapshot snapshot;
        try {
            snapshot = CertificateFiles.snapshot(certificateFile, keyFile);
        } catch (CertificateProblem e) {
            failed(e.getMessage().getBytes(StandardCharsets.UTF_8), e.getMessage(), asked);
            return;
        }
        if (Arrays.equals(snapshot.digest(), current.material().digest())) {
            lastTried = snapshot.digest();
            if (asked) {
                LOG.info("TLS certificate files unchanged: keeping {}", describe(current.material()));
            }
            return;
        }
        if (!asked && Arrays.equals(snapshot.digest(), lastTried)) {
            return; // this very content failed already, and said why
        }
        try {
            CertificateFiles.Material material = CertificateFiles.parse(snapshot, certificateFile, keyFile);
            refuseIfNotValidNow(material);
            current = new Loaded(filter(material, certificateFile), material);
            lastTried = snapshot.digest();
            logLoaded("TLS certificate reloaded");
        } catch (CertificateProblem e) {
            failed(snapshot.digest(), e.getMessage(), asked);
        }
    }

    /**
     * A replacement must be valid now: one that has expired or is not valid yet would make every client refuse the
     * server (at start-up there is nothing better to serve, and a WARN line says so).
     */
    private void refuseIfNotValidNow(CertificateFiles.Material material) throws CertificateProblem {
        try {
            material.leaf().checkValidity();
        } catch (CertificateExpiredException e) {
            throw new CertificateProblem("--tls-cert " + certificateFile + ": expired on "
                    + material.leaf().getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new CertificateProblem("--tls-cert " + certificateFile + ": not valid before "
                    + material.leaf().getNotBefore().toInstant());
        }
    }

    private void failed(byte[] what, String why, boolean asked) {
        if (asked || !Arrays.equals(what, lastTried)) {
            LOG.warn("TLS certificate not reloaded: {}; still serving {}", why,
                    describe(current.material()));
        }
        lastTried = what;
    }

    private void logLoaded(String what) {
        CertificateFiles.Material material = current.material();
        Duration left = Duration.between(Instant.now(), expiry());
        if (left.isNegative()) {
            LOG.warn("{}: {} HAS EXPIRED; clients will refuse it", what, describe(material));
        } else if (left.compareTo(SOON) < 0) {
            LOG.warn("{}: {}, which expires in {} days", what, describe(material), left.toDays());
        } else {
            LOG.info("{}: {}", what, describe(material));
        }
    }

    private String describe(CertificateFiles.Material material) {
        // the operator's own files, not a client's words: logged as they are
        return material.leaf().getSubjectX500Principal().getName() + " (expires "
                + material.leaf().getNotAfter().toInstant() + ", from " + certificateFile + ")";
    }

    private static ServerTlsFilter filter(CertificateFiles.Material material, Path certificateFile)
            throws CertificateProblem {
        try {
            return ServerTlsFilter.serving(material);
        } catch (GeneralSecurityException e) {
            throw new CertificateProblem("--tls-cert " + certificateFile + ": the JDK cannot serve it: "
                    + e.getMessage());
        }
    }
}
