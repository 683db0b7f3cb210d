package io.helo.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Fuzzes the wrong-protocol detection of a connection's first octets and first line ({@link ForeignProtocol}) with
 * any octets: it recognises exactly what PROTOCOL.md section 6 lists, written out plainly here, and looks at
 * nothing outside the octets it is given.
 */
class ForeignProtocolFuzzTest {
    private static final byte[] POISON = {0x16, 0x03, 0x01, '\r', '\n', 'S', 'H', '*', '1', 0};
    private static final List<String> HTTP_METHODS =
            List.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "PRI");
    private static final byte[] PROXY_V2_SIGNATURE =
            {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** Octets of the v2 signature that identify it when fewer have arrived: no HELO line starts CR LF CR LF NUL. */
    private static final int PROXY_V2_ENOUGH = 5;

    @FuzzTest
    void classify(byte[] octets) {
        int before = octets.length % 7;
        byte[] room = new byte[before + octets.length + 7];
        for (int i = 0; i < room.length; i++) {
            room[i] = POISON[i % POISON.length];
        }
        System.arraycopy(octets, 0, room, before, octets.length);
        String shown = Arrays.toString(octets);

        assertThat(ForeignProtocol.ofFirstOctets(room, before, before + octets.length)).as("first octets %s", shown)
                .isEqualTo(firstOctets(octets));
        assertThat(ForeignProtocol.ofFirstLine(room, before, before + octets.length)).as("first line %s", shown)
                .isEqualTo(firstLine(octets));
    }

    /** Binary protocols by their first octets: a TLS handshake record (0x16 0x03 0x00-0x04), PROXY v2's signature. */
    private static ForeignProtocol firstOctets(byte[] octets) {
        if (octets.length >= 3 && octets[0] == 0x16 && octets[1] == 0x03 && (octets[2] & 0xff) <= 0x04) {
            return ForeignProtocol.TLS;
        }
        int compared = Math.min(octets.length, PROXY_V2_SIGNATURE.length);
        boolean signature = compared >= PROXY_V2_ENOUGH
                && Arrays.equals(octets, 0, compared, PROXY_V2_SIGNATURE, 0, compared);
        return signature ? ForeignProtocol.PROXY : null;
    }

    /** Text protocols by their first line: SSH, PROXY v1, HTTP's request line or Host header, a RESP header. */
    private static ForeignProtocol firstLine(byte[] octets) {
        String line = new String(octets, StandardCharsets.ISO_8859_1);
        if (line.startsWith("SSH-")) {
            return ForeignProtocol.SSH;
        }
        if (line.startsWith("PROXY ")) {
            return ForeignProtocol.PROXY;
        }
        if (line.toLowerCase(Locale.ROOT).startsWith("host:") || isHttpRequestLine(line)) {
            return ForeignProtocol.HTTP;
        }
        boolean resp = line.length() > 1 && (line.charAt(0) == '*' || line.charAt(0) == '$')
                && line.substring(1).chars().allMatch(c -> c >= '0' && c <= '9');
        return resp ? ForeignProtocol.REDIS : null;
    }

    /** {@code METHOD target HTTP/1.1} (RFC 9112 3), target without white space; or {@code METHOD /} alone. */
    private static boolean isHttpRequestLine(String line) {
        String[] parts = line.split(" ", -1);
        if (!HTTP_METHODS.contains(parts[0])) {
            return false;
        }
        if (parts.length == 2) {
            return parts[1].equals("/");
        }
        return parts.length == 3 && !parts[1].isEmpty() && parts[1].chars().noneMatch(ForeignProtocolFuzzTest::isBlank)
                && parts[2].matches("HTTP/[0-9](\\.[0-9])?");
    }

    private static boolean isBlank(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
