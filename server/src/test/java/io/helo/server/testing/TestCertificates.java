package io.helo.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Certificates for TLS tests, made by the {@code openssl} command as an operator makes them: a test CA, and
 * server certificates it signs for {@code localhost} and {@code 127.0.0.1}, in PEM files in a directory of their
 * own.
 */
public final class TestCertificates {
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    private final Path dir;
    private int issued;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Skips the test with the reason when openssl is not installed, except under CI, where it fails it. */
    public static void require() {
        if (!Files.isExecutable(OPENSSL)) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("openssl is required under CI: apt-get install -y openssl");
            }
            Assumptions.abort("openssl is not installed (apt-get install -y openssl): skipping this test");
        }
    }

    /** Makes a test CA (an EC P-256 key and a self-signed certificate) in {@code dir}. */
    public static TestCertificates inDirectory(Path dir) throws IOException {
        require();
        TestCertificates certificates = new TestCertificates(dir);
        certificates.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", dir.resolve("ca.key").toString(), "-out", dir.resolve("ca.pem").toString(), "-days", "30",
                "-subj", "/CN=HELO test CA");
        return certificates;
    }

    /** The CA's certificate, for a client's trust anchors. */
    public Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    /** The kinds of private key files certbot and openssl write. */
    public enum KeyKind {
        /** An EC P-256 key in PKCS#8 ({@code BEGIN PRIVATE KEY}), as certbot writes by default. */
        EC_PKCS8,
        /** An RSA key in PKCS#8 ({@code BEGIN PRIVATE KEY}). */
        RSA_PKCS8,
        /** An RSA key in PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), as older tools write. */
        RSA_PKCS1,
        /** An EC key in SEC 1 ({@code BEGIN EC PRIVATE KEY}), as {@code openssl ecparam -genkey} writes. */
        EC_SEC1
    }

    /** A certificate file and its key file. */
    public record Pair(Path certificate, Path key, String subject) {
        /**
         * Writes this pair over the files a server reads, in place: the key first, then the certificate, as a
         * renewal might, so that a reload in between sees a key that does not match.
         */
        public void installAs(Path certificateFile, Path keyFile) throws IOException {
            Files.write(keyFile, Files.readAllBytes(key));
            Files.write(certificateFile, Files.readAllBytes(certificate));
        }
    }

    /** Issues a certificate for {@code localhost} and 127.0.0.1, valid for {@code days}, with an EC key. */
    public Pair issue(String commonName, int days) throws IOException {
        return issue(commonName, days, KeyKind.EC_PKCS8);
    }

    /** Issues a certificate for {@code localhost} and 127.0.0.1, valid for {@code days}, with a key of {@code kind}. */
    public Pair issue(String commonName, int days, KeyKind kind) throws IOException {
        int n = ++issued;
        Path key = dir.resolve("server" + n + ".key");
        Path request = dir.resolve("server" + n + ".csr");
        Path certificate = dir.resolve("server" + n + ".pem");
        switch (kind) {
            case EC_PKCS8 -> openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out",
                    key.toString());
            case RSA_PKCS8 -> openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out",
                    key.toString());
            case RSA_PKCS1 -> openssl("genrsa", "-traditional", "-out", key.toString(), "2048");
            case EC_SEC1 -> openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString());
        }
        openssl("req", "-new", "-key", key.toString(), "-out", request.toString(), "-subj", "/CN=" + commonName);
        Path extensions = dir.resolve("server" + n + ".ext");
        Files.writeString(extensions, "subjectAltName=DNS:localhost,IP:127.0.0.1\n", StandardCharsets.US_ASCII);
        openssl("x509", "-req", "-in", request.toString(), "-CA", caCertificate().toString(), "-CAkey",
                dir.resolve("ca.key").toString(), "-CAcreateserial", "-out", certificate.toString(), "-days",
                String.valueOf(days), "-extfile", extensions.toString());
        return new Pair(certificate, key, "CN=" + commonName);
    }

    /** Runs openssl with {@code args}; fails with its output if it does not succeed. */
    public String openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(OPENSSL.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return output;
    }
}
