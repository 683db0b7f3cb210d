package io.helo.client;

import io.helo.codec.SafeText;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Why a TLS handshake failed, told from the JDK's exception, with the few words the client says about it. */
enum HandshakeFailure {
    /** The certificate's name (DNS or IP) is not the host the user named. */
    NAME_MISMATCH("the server's certificate is not valid for %1$s"),
    /** The certificate's validity ended. */
    EXPIRED("the server's certificate has expired"),
    /** The certificate's validity has not begun. */
    NOT_YET_VALID("the server's certificate is not valid yet"),
    /** No trust anchor vouches for the certificate. */
    NOT_TRUSTED("the server's certificate is not trusted (use --tls-ca FILE)"),
    /** The server answered in something other than TLS, or closed without answering. */
    NOT_TLS("the server did not answer in TLS (is %2$d its TLS port?)"),
    /** The server did not finish the handshake within the timeout. */
    TIMED_OUT("no answer within %3$s"),
    /** The server sent a fatal alert: it refused something about our hello (versions, ciphers). */
    REFUSED_BY_SERVER("the server refused it (%3$s)"),
    /** Anything else: the JDK's own words. */
    OTHER("%3$s");

    private static final String ALERT = "Received fatal alert: ";

    private final String format;

    HandshakeFailure(String format) {
        this.format = format;
    }

    /** The failure {@code cause} stands for; any exception will do, the most telling in its causes wins. */
    static HandshakeFailure of(Throwable cause) {
        List<Throwable> chain = chain(cause);
        if (chain.stream().anyMatch(CertificateExpiredException.class::isInstance)) {
            return EXPIRED;
        }
        if (chain.stream().anyMatch(CertificateNotYetValidException.class::isInstance)) {
            return NOT_YET_VALID;
        }
        // the JDK's HostnameChecker says so only in words: "No subject alternative DNS name matching x found." etc.
        if (chain.stream().map(HandshakeFailure::message).anyMatch(m -> m.startsWith("No subject alternative")
                || m.startsWith("No name matching"))) {
            return NAME_MISMATCH;
        }
        if (chain.stream().anyMatch(t -> t instanceof CertPathBuilderException
                || t instanceof CertPathValidatorException)) {
            return NOT_TRUSTED;
        }
        String message = message(cause);
        if (message.toLowerCase(Locale.ROOT).contains("unrecognized ssl message")) {
            return NOT_TLS; // a plaintext line where a TLS record should be
        }
        return message.startsWith(ALERT) ? REFUSED_BY_SERVER : OTHER;
    }

    /**
     * The whole line, without {@code client: }: {@code TLS handshake with HOST:PORT failed: ...}; {@code detail} is
     * the JDK's message, or the timeout.
     */
    String describe(String host, int port, String detail) {
        String text = detail == null ? "" : detail;
        if (text.startsWith(ALERT)) {
            text = text.substring(ALERT.length()) + " alert";
        }
        return "TLS handshake with " + ScriptedSession.endpoint(host, port) + " failed: "
                + String.format(Locale.ROOT, format, host, port, SafeText.escape(text));
    }

    /** The JDK's words for {@code cause}. */
    static String message(Throwable cause) {
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private static List<Throwable> chain(Throwable cause) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = cause; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
