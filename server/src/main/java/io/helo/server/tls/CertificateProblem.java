package io.helo.server.tls;

/** A certificate or key file that cannot serve: missing, unreadable, malformed, or not a matching pair. */
public final class CertificateProblem extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * A problem described, in one line, by {@code message}, which names the option and the file.
     *
     * @param message what is wrong, e.g. {@code --tls-cert /etc/helo/cert.pem: no such file}
     */
    public CertificateProblem(String message) {
        super(message, null, false, false);
    }
}
