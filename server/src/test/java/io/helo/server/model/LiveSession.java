package io.helo.server.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.helo.server.testing.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/** One connection to a real server and the model of its session, kept in step: the state of a chain of actions. */
final class LiveSession implements AutoCloseable {
    private final WireClient client;
    private final ProtocolModel model;
    private final int maxLineLength;
    private final int maxDiscard;
    private int linesSent;

    LiveSession(InetSocketAddress server, ProtocolModel model, int maxLineLength, int maxDiscard) {
        try {
            this.client = new WireClient(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.model = model;
        this.maxLineLength = maxLineLength;
        this.maxDiscard = maxDiscard;
    }

    /**
     * Sends {@code lines} pipelined, cut into writes at {@code cuts} (thousandths of their length), and checks
     * every reply line, byte for byte, against the model, and the close if the session ends. Octets after the
     * session's last line are sent too, up to half the discard limit, as a client that sent them before reading
     * would: a client that sends more after its last line may see a reset (PROTOCOL.md section 4).
     */
    void exchange(List<Sent> lines, List<Integer> cuts) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        int endsAt = -1;
        for (Sent line : lines) {
            boolean wasOpen = !model.ended();
            List<String> replies = model.replies(line);
            expected.addAll(replies);
            if (wasOpen && model.ended()) {
                endsAt = wire.size() + lastOctetRead(line, replies);
            }
            wire.writeBytes(line.octets());
        }
        linesSent += lines.size();
        byte[] octets = wire.toByteArray();
        int length = endsAt < 0 ? octets.length : Math.min(octets.length, endsAt + maxDiscard / 2);
        try {
            int from = 0;
            for (int to : pieces(length, cuts)) {
                if (!send(Arrays.copyOfRange(octets, from, to), endsAt >= 0 && from >= endsAt)) {
                    break;
                }
                from = to;
            }
            for (String reply : expected) {
                client.expect(reply);
            }
            if (model.ended()) {
                expectClose(endsAt < length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code piece}; false if the server had closed, which it may once the session has ended: octets sent
     * after the last line then meet a reset.
     */
    private boolean send(byte[] piece, boolean afterTheEnd) throws IOException {
        try {
            client.sendBytes(piece);
            return true;
        } catch (SocketException e) {
            if (afterTheEnd) {
                return false;
            }
            throw e;
        }
    }

    /** The close after the last line: the end of the stream, or a reset if octets followed the last line. */
    private void expectClose(boolean octetsAfterTheEnd) throws IOException {
        try {
            assertThat(client.socket().getInputStream().read()).as("end of stream").isEqualTo(-1);
        } catch (SocketException e) {
            if (!octetsAfterTheEnd) {
                throw e;
            }
        }
    }

    /** Ends a session the chain left open with BYE: no reply may be left over. */
    void finish() throws IOException {
        if (!model.ended()) {
            client.send("BYE\r\n").expect("See ya later").expectEndOfStream();
        }
    }

    /** True once the server has sent its last line. */
    boolean ended() {
        return model.ended();
    }

    /** What ended the session: BYE or the closing error's token; {@code null} while it goes on. */
    String endedBy() {
        return model.endedBy();
    }

    /** How many lines this session sent. */
    int linesSent() {
        return linesSent;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    /** Octets of {@code line} the server reads before its session ends on it. */
    private int lastOctetRead(Sent line, List<String> replies) {
        if (!(line.verdict() instanceof Sent.Endless)) {
            return line.octets().length;
        }
        boolean endedWhenTooLong = replies.size() == 2 && replies.get(1).startsWith("ERR too-many-errors");
        return endedWhenTooLong ? maxLineLength : maxLineLength + maxDiscard + 1;
    }

    /** The ends of the writes {@code [0, length)} is cut into. */
    private static TreeSet<Integer> pieces(int length, List<Integer> cuts) {
        TreeSet<Integer> ends = new TreeSet<>();
        for (int cut : cuts) {
            int at = (int) ((long) cut * length / 1000);
            if (at > 0) {
                ends.add(at);
            }
        }
        if (length > 0) {
            ends.add(length);
        }
        return ends;
    }
}
