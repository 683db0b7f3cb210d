package io.helo.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helo.server.testing.TestCertificates;
import io.helo.server.testing.TestCertificates.KeyKind;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The PEM files certbot and openssl write are read; each way they can be wrong is one line naming the file. */
class CertificateFilesTest {
    @TempDir
    Path dir;

    private TestCertificates certificates;

    @BeforeEach
    void makeCa() throws Exception {
        certificates = TestCertificates.inDirectory(dir);
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    void shouldReadEveryKeyFormatOpensslWrites(KeyKind kind) throws Exception {
        TestCertificates.Pair pair = certificates.issue("localhost", 30, kind);
        CertificateFiles.Material material = CertificateFiles.read(pair.certificate(), pair.key());
        assertThat(material.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    }

    @Test
    void shouldServeOnlyTls13And12() throws Exception {
        TestCertificates.Pair pair = certificates.issue("localhost", 30);
        SSLEngine engine = ServerTlsFilter.serving(CertificateFiles.read(pair.certificate(), pair.key()))
                .createEngine(null, null);
        assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        assertThat(engine.getUseClientMode()).isFalse();
    }

    @Test
    void shouldNameAMissingFile() throws Exception {
        TestCertificates.Pair pair = certificates.issue("localhost", 30);
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> CertificateFiles.read(missing, pair.key())).isInstanceOf(CertificateProblem.class)
                .hasMessage("--tls-cert " + missing + ": no such file");
        assertThatThrownBy(() -> CertificateFiles.read(pair.certificate(), missing))
                .hasMessage("--tls-key " + missing + ": no such file");
    }

    @Test
    void shouldRefuseAKeyThatIsNotTheCertificates() throws Exception {
        TestCertificates.Pair one = certificates.issue("localhost", 30);
        TestCertificates.Pair other = certificates.issue("localhost", 30);
        assertThatThrownBy(() -> CertificateFiles.read(one.certificate(), other.key()))
                .hasMessage("--tls-key " + other.key() + ": not the key of the certificate in " + one.certificate());
    }

    @Test
    void shouldRefuseAnEncryptedKeyAndSayWhatToDo() throws Exception {
        TestCertificates.Pair pair = certificates.issue("localhost", 30);
        Path encrypted = dir.resolve("encrypted.key");
        certificates.openssl("pkey", "-in", pair.key().toString(), "-aes256", "-passout", "pass:secret", "-out",
                encrypted.toString());
        assertThatThrownBy(() -> CertificateFiles.read(pair.certificate(), encrypted)).hasMessage("--tls-key "
                + encrypted + ": the key is encrypted; give it unencrypted, readable only by the server's user");
    }

    @Test
    void shouldRefuseFilesThatHoldNoCertificateOrNoKey() throws Exception {
        TestCertificates.Pair pair = certificates.issue("localhost", 30);
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> CertificateFiles.read(empty, pair.key()))
                .hasMessage("--tls-cert " + empty + ": holds no certificate");
        assertThatThrownBy(() -> CertificateFiles.read(pair.certificate(), pair.certificate()))
                .hasMessage("--tls-key " + pair.certificate() + ": holds no private key");
    }
}
