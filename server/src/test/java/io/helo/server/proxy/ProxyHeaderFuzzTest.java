package io.helo.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.helo.codec.ForeignProtocol;
import io.helo.codec.IpLiterals;
import io.helo.codec.testing.Allocations;
import io.helo.codec.testing.FuzzInput;
import io.helo.codec.testing.IpLiteralGrammar;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fuzzes the PROXY protocol header parser ({@link ProxyHeader#parse}), the first thing a trusted proxy's connection
 * reaches, with any octets, and with honest headers of every form a proxy may write (HAProxy's
 * {@code proxy-protocol.txt}).
 *
 * <ul>
 *   <li>It reads nothing outside the buffer's position and limit, moves neither, and answers the same for a heap,
 *       direct or read-only buffer.
 *   <li>As octets arrive it says "incomplete" until it decides, and never changes its mind with more.
 *   <li>It accepts a header only if it can write it again: the addresses it found, written as a header of the same
 *       version, parse to the same addresses; a version 1 line's addresses are IP literals of its family and its
 *       ports have no heading zeroes; a header naming no address is LOCAL, UNKNOWN, or an address family the
 *       specification defines; the header so accepted is one the wrong-protocol check calls PROXY.
 *   <li>It allocates a bounded amount whatever the length a version 2 header claims.
 *   <li>It accepts every honest header, with the addresses it carries, whatever follows it.
 * </ul>
 *
 * <p>Input: one option octet (even: the rest is the octets received; odd: the rest describes an honest header).
 */
class ProxyHeaderFuzzTest {
    private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    private static final int V1_MAX = 107;
    private static final int V2_MAX = 16 + 1024;
    /** Far below the 64 KiB a v2 header may claim: what parsing one may allocate, its addresses included. */
    private static final int MAX_ALLOCATED = 16 * 1024;
    private static final int LOCAL = 0x20;
    private static final int PROXY = 0x21;

    @FuzzTest
    void parse(byte[] input) throws Exception {
        FuzzInput in = new FuzzInput(input);
        if (in.option() % 2 == 0) {
            received(Arrays.copyOf(in.rest(), Math.min(in.rest().length, 2 * V2_MAX)));
        } else {
            honest(in);
        }
    }

    /** Any octets, as a proxy's connection may deliver them. */
    private static void received(byte[] octets) throws Exception {
        ProxyHeader.Result result = parseAmid(octets);
        assertThat(ProxyHeader.parse(ByteBuffer.wrap(octets.clone()))).isEqualTo(result);
        assertThat(ProxyHeader.parse(direct(octets).asReadOnlyBuffer())).isEqualTo(result);
        if (octets.length >= 16 && octets[0] == ProxyHeader.V2_SIGNATURE[0]) { // a v2 header claims its length
            long allocated = Allocations.everyRunOf(3, () -> ProxyHeader.parse(ByteBuffer.wrap(octets)));
            assertThat(allocated).as("octets allocated").isLessThanOrEqualTo(MAX_ALLOCATED);
        }

        ProxyHeader.Result decided = null;
        for (int n = 0; n <= octets.length; n++) { // octet by octet, as the connection delivers them
            ProxyHeader.Result now = ProxyHeader.parse(ByteBuffer.wrap(octets, 0, n).slice());
            if (decided == null && !(now instanceof ProxyHeader.Incomplete)) {
                decided = now;
            }
            if (decided instanceof ProxyHeader.Parsed) {
                assertThat(now).as("after %d octets", n).isEqualTo(decided);
            } else if (decided != null) {
                assertThat(now).as("after %d octets", n).isInstanceOf(ProxyHeader.Invalid.class);
            }
        }
        if (result instanceof ProxyHeader.Parsed parsed) {
            acceptedOnlyWhatItCanWriteAgain(octets, parsed);
        }
    }

    private static void acceptedOnlyWhatItCanWriteAgain(byte[] octets, ProxyHeader.Parsed parsed) throws Exception {
        boolean v1 = startsWith(octets, V1_PREFIX);
        assertThat(parsed.length()).isBetween(1, Math.min(octets.length, v1 ? V1_MAX : V2_MAX));
        if (v1) {
            assertThat(new String(octets, parsed.length() - 2, 2, StandardCharsets.US_ASCII)).isEqualTo("\r\n");
            assertThat(ForeignProtocol.ofFirstLine(octets, 0, parsed.length() - 2)).isEqualTo(ForeignProtocol.PROXY);
        } else {
            assertThat(parsed.length()).isEqualTo(16 + (((octets[14] & 0xff) << 8) | (octets[15] & 0xff)));
            assertThat(ForeignProtocol.ofFirstOctets(octets, 0, octets.length)).isEqualTo(ForeignProtocol.PROXY);
        }
        if (parsed.source() == null) {
            assertThat(v1 ? octets[6] == 'U' : (octets[12] & 0xff) == LOCAL || isDefinedFamily(octets[13] & 0xff))
                    .as("a header without addresses: UNKNOWN, LOCAL or a family the specification defines").isTrue();
            return;
        }
        if (v1) {
            String[] fields = new String(octets, 0, parsed.length() - 2, StandardCharsets.US_ASCII).split(" ", -1);
            boolean v6 = fields[1].equals("TCP6");
            assertThat(fields).as("fields of a TCP line").hasSize(6);
            assertThat(fields[2]).as("source address").matches(a -> v6 ? IpLiteralGrammar.isIpv6(a)
                    : IpLiteralGrammar.isIpv4(a));
            assertThat(fields[3]).as("destination address").matches(a -> v6 ? IpLiteralGrammar.isIpv6(a)
                    : IpLiteralGrammar.isIpv4(a));
            assertThat(fields[4]).as("source port, without heading zeroes").isEqualTo(
                    Integer.toString(parsed.source().getPort()));
            assertThat(fields[5]).as("destination port, without heading zeroes").isEqualTo(
                    Integer.toString(parsed.destination().getPort()));
        }
        byte[] again = v1 ? v1(parsed.source(), parsed.destination(), false)
                : v2(PROXY, parsed.source(), parsed.destination(), 0);
        ProxyHeader.Result reparsed = ProxyHeader.parse(ByteBuffer.wrap(again));
        assertThat(reparsed).as("%s written again", parsed)
                .isEqualTo(new ProxyHeader.Parsed(again.length, parsed.source(), parsed.destination()));
    }

    /** An honest header: version, family and addresses from the input, and what the client sent after it. */
    private static void honest(FuzzInput in) throws Exception {
        boolean version1 = in.option() % 2 == 0;
        int family = in.option() % 5; // TCP4, TCP6, TCP6 carrying IPv4-mapped addresses, UNKNOWN or LOCAL, other
        boolean compressed = in.option() % 2 == 0;
        int tlvLength = in.option() * 3; // version 2 only, within its 1024 octets
        byte[] rest = Arrays.copyOf(in.rest(), 40 + tlvLength);
        int addressLength = family == 0 ? 4 : 16;
        byte[] sourceOctets = Arrays.copyOfRange(rest, 0, addressLength);
        byte[] destinationOctets = Arrays.copyOfRange(rest, 16, 16 + addressLength);
        if (family == 2) {
            mapped(sourceOctets);
            mapped(destinationOctets);
        }
        InetSocketAddress source = new InetSocketAddress(InetAddress.getByAddress(sourceOctets), port(rest, 32));
        InetSocketAddress destination = new InetSocketAddress(InetAddress.getByAddress(destinationOctets),
                port(rest, 34));
        byte[] header;
        ProxyHeader.Parsed expected;
        if (family <= 2) {
            header = version1 ? v1(source, destination, compressed)
                    : v2(PROXY, source, destination, tlvLength);
            expected = new ProxyHeader.Parsed(header.length, source, destination);
        } else {
            header = version1 ? "PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII)
                    : v2(family == 3 ? LOCAL : PROXY, null, null, tlvLength);
            expected = ProxyHeader.Parsed.local(header.length);
        }
        byte[] received = Arrays.copyOf(header, header.length + rest.length - 36);
        System.arraycopy(rest, 36, received, header.length, rest.length - 36); // the client's first octets
        assertThat(ProxyHeader.parse(ByteBuffer.wrap(received))).as("%s", Arrays.toString(header))
                .isEqualTo(expected);
    }

    /**
     * Section 2.2: an address family of 0 to 3 (UNSPEC, INET, INET6, UNIX) in the high half of the octet, a transport
     * of 0 to 2 (UNSPEC, STREAM, DGRAM) in the low half; "other values ... must be rejected as invalid by receivers".
     */
    private static boolean isDefinedFamily(int octet) {
        return octet >> 4 <= 3 && (octet & 0x0f) <= 2;
    }

    /** Parses {@code octets} from a buffer whose position and limit leave poison on both sides of them. */
    private static ProxyHeader.Result parseAmid(byte[] octets) {
        ByteBuffer buffer = ByteBuffer.allocate(octets.length + 32);
        byte[] poison = "\r\n\r\n\0\r\nQUIT\n PROXY ".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < buffer.capacity(); i++) {
            buffer.put(i, poison[i % poison.length]);
        }
        buffer.put(16, octets);
        buffer.position(16).limit(16 + octets.length);
        ProxyHeader.Result result = ProxyHeader.parse(buffer);
        assertThat(buffer.position()).as("position").isEqualTo(16);
        assertThat(buffer.limit()).as("limit").isEqualTo(16 + octets.length);
        return result;
    }

    private static ByteBuffer direct(byte[] octets) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(octets.length);
        buffer.put(octets).flip();
        return buffer;
    }

    /**
     * A version 1 line; IPv6 addresses as Java writes them, or compressed, an IPv4 address beside an IPv6 one as an
     * IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}, as HAProxy writes clients of a dual-stack listener).
     */
    private static byte[] v1(InetSocketAddress source, InetSocketAddress destination, boolean compressed) {
        boolean v6 = source.getAddress() instanceof Inet6Address || destination.getAddress() instanceof Inet6Address;
        String line = "PROXY " + (v6 ? "TCP6 " : "TCP4 ") + text(source.getAddress(), v6, compressed) + " "
                + text(destination.getAddress(), v6, compressed) + " " + source.getPort() + " "
                + destination.getPort() + "\r\n";
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(InetAddress address, boolean v6, boolean compressed) {
        if (!v6) {
            return address.getHostAddress();
        }
        if (address instanceof Inet4Address) {
            return "::ffff:" + address.getHostAddress();
        }
        return compressed ? IpLiterals.format(address) : address.getHostAddress();
    }

    /** A version 2 header; addresses as IPv6 if either is, {@code tlvLength} octets of TLVs after them. */
    private static byte[] v2(int command, InetSocketAddress source, InetSocketAddress destination, int tlvLength)
            throws UnknownHostException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        int family = 0x00;
        if (source != null) {
            boolean v6 = source.getAddress() instanceof Inet6Address
                    || destination.getAddress() instanceof Inet6Address;
            family = v6 ? 0x21 : 0x11;
            block.writeBytes(octets(source.getAddress(), v6));
            block.writeBytes(octets(destination.getAddress(), v6));
            block.write(source.getPort() >> 8);
            block.write(source.getPort());
            block.write(destination.getPort() >> 8);
            block.write(destination.getPort());
        }
        for (int i = 0; i < tlvLength; i += 3) { // PP2_TYPE_NOOP TLVs, empty
            block.writeBytes(new byte[] {0x04, 0, 0});
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(ProxyHeader.V2_SIGNATURE);
        header.write(command);
        header.write(family);
        header.write(block.size() >> 8);
        header.write(block.size());
        header.writeBytes(block.toByteArray());
        return header.toByteArray();
    }

    private static byte[] octets(InetAddress address, boolean v6) {
        byte[] octets = address.getAddress();
        if (v6 && octets.length == 4) {
            byte[] mapped = new byte[16];
            System.arraycopy(octets, 0, mapped, 12, 4);
            mapped(mapped);
            return mapped;
        }
        return octets;
    }

    /** Makes sixteen octets an IPv4-mapped IPv6 address, keeping the last four. */
    private static void mapped(byte[] octets) {
        Arrays.fill(octets, 0, 10, (byte) 0);
        octets[10] = (byte) 0xff;
        octets[11] = (byte) 0xff;
    }

    private static int port(byte[] octets, int at) {
        return ((octets[at] & 0xff) << 8) | (octets[at + 1] & 0xff);
    }

    private static boolean startsWith(byte[] octets, byte[] prefix) {
        return octets.length >= prefix.length && Arrays.equals(octets, 0, prefix.length, prefix, 0, prefix.length);
    }
}
