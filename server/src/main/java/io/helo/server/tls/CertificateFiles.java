package io.helo.server.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads a certificate chain and its private key from PEM files as certbot and openssl write them: the chain as
 * {@code CERTIFICATE} blocks, leaf first ({@code fullchain.pem}); the key unencrypted, in PKCS#8 ({@code PRIVATE
 * KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC 1 ({@code EC PRIVATE KEY}). Bouncy Castle parses the key
 * formats the JDK cannot; the keys themselves are the JDK's.
 */
public final class CertificateFiles {
    private CertificateFiles() {
    }

    /** A certificate chain, its key, and a digest of the two files' octets that tells when they change. */
    public record Material(List<X509Certificate> chain, PrivateKey key, byte[] digest) {
        /**
         * The server's own certificate, first in the chain.
         *
         * @return the leaf certificate
         */
        public X509Certificate leaf() {
            return chain.get(0);
        }
    }

    /** The files as they are now: their octets, or why they cannot be read. */
    record Snapshot(byte[] certificate, byte[] key, byte[] digest) {
    }

    /**
     * Reads both files.
     *
     * @throws CertificateProblem naming the file and what is wrong with it
     */
    static Snapshot snapshot(Path certificateFile, Path keyFile) throws CertificateProblem {
        byte[] certificate = read("--tls-cert", certificateFile);
        byte[] key = read("--tls-key", keyFile);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(certificate);
            sha256.update((byte) 0); // PEM is text: a NUL cannot shift octets from one file to the other
            sha256.update(key);
            return new Snapshot(certificate, key, sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Reads and checks the certificate chain and key of {@code snapshot}, as read from the given files.
     *
     * @throws CertificateProblem naming the file and what is wrong with it
     */
    static Material parse(Snapshot snapshot, Path certificateFile, Path keyFile) throws CertificateProblem {
        List<X509Certificate> chain = certificates(snapshot.certificate(), certificateFile);
        PrivateKey key = privateKey(snapshot.key(), keyFile);
        if (!matches(key, chain.get(0).getPublicKey())) {
            throw new CertificateProblem("--tls-key " + keyFile + ": not the key of the certificate in "
                    + certificateFile);
        }
        return new Material(List.copyOf(chain), key, snapshot.digest());
    }

    /**
     * Reads and checks both files at once.
     *
     * @param certificateFile the PEM certificate chain, leaf first
     * @param keyFile the PEM private key of the leaf
     * @return the chain and key
     * @throws CertificateProblem naming the file and what is wrong with it
     */
    public static Material read(Path certificateFile, Path keyFile) throws CertificateProblem {
        return parse(snapshot(certificateFile, keyFile), certificateFile, keyFile);
    }

    private static byte[] read(String option, Path file) throws CertificateProblem {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CertificateProblem(option + " " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CertificateProblem(option + " " + file + ": permission denied");
        } catch (IOException e) {
            throw new CertificateProblem(option + " " + file + ": cannot read it: " + e.getMessage());
        }
    }

    private static List<X509Certificate> certificates(byte[] pem, Path file) throws CertificateProblem {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (var certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem))) {
                chain.add((X509Certificate) certificate);
            }
        } catch (CertificateException e) {
            throw new CertificateProblem("--tls-cert " + file + ": not a PEM certificate: " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw new CertificateProblem("--tls-cert " + file + ": holds no certificate");
        }
        return chain;
    }

    private static PrivateKey privateKey(byte[] pem, Path file) throws CertificateProblem {
        try (PEMParser parser = new PEMParser(new InputStreamReader(new ByteArrayInputStream(pem),
                StandardCharsets.US_ASCII))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                if (block instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                } else if (block instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                } else if (block instanceof PEMEncryptedKeyPair || block instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new CertificateProblem("--tls-key " + file
                            + ": the key is encrypted; give it unencrypted, readable only by the server's user");
                }
            }
        } catch (IOException | RuntimeException e) { // Bouncy Castle's decoders throw unchecked ones too
            throw new CertificateProblem("--tls-key " + file + ": not a PEM private key: " + e.getMessage());
        }
        throw new CertificateProblem("--tls-key " + file + ": holds no private key");
    }

    /** Whether {@code key} signs what {@code publicKey} verifies; true for key types this cannot try. */
    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return true; // the handshake will tell
        }
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            byte[] probe = "HELO key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
