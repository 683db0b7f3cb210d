package io.helo.server.session;

import io.helo.codec.Command;
import io.helo.codec.ErrorReason;
import io.helo.codec.ForeignProtocol;
import io.helo.codec.LineEnd;
import io.helo.codec.LineFramer;
import io.helo.codec.ReplyWriter;
import io.helo.codec.RequestLine;
import io.helo.server.ops.Counters;
import java.util.Arrays;

/**
 * The replies to one batch of a session's input, written into one buffer: frames the input's lines, answers each,
 * and stops at the end of the input, at the end of the conversation, or once the replies fill the budget of one
 * write ({@code --max-read}). Reused by one thread for batch after batch, of any session, so that answering creates
 * no objects: a server keeps one per I/O thread, sized from its own budget.
 */
final class ReplyBatch implements LineFramer.Sink {
    private static final Command[] COMMANDS = Command.values(); // values() copies the array at every call

    private final ReplyWriter out;
    private final int budget;
    private final RequestLine line = new RequestLine();
    private final int[] byCommand = new int[COMMANDS.length];
    private int invalid;
    private Conversation conversation;
    private LineFramer framer;
    private Object peer;
    private boolean first;
    private boolean logEach;

    /** A batch of at most about {@code budget} octets of replies. */
    ReplyBatch(int budget) {
        this.budget = budget;
        this.out = new ReplyWriter(budget + 2048); // one more reply may follow the one that reached the budget
    }

    /** Empties the batch for the replies of {@code conversation}; {@code peer} names the client in DEBUG lines. */
    ReplyBatch begin(Conversation conversation, LineFramer framer, Object peer) {
        out.clear();
        this.conversation = conversation;
        this.framer = framer;
        this.peer = peer;
        this.first = conversation.requests() == 0;
        this.logEach = SessionLog.perRequest(); // asked once a batch, not once a line
        return this;
    }

    /** Answers the lines of {@code bytes[from, to)}; returns the index after the last octet it took. */
    int answer(byte[] bytes, int from, int to) {
        return framer.feed(bytes, from, to, this);
    }

    /** Answers a line left without line end: silence or the end of the stream. */
    void answerLast(LineEnd end) {
        framer.endLine(end, this);
    }

    /** Writes the closing line for {@code reason}, the server closing the session on its own. */
    void close(ErrorReason reason) {
        conversation.close(reason, out);
    }

    /** The replies, {@code array()[0, length())}. */
    byte[] array() {
        return out.array();
    }

    /** The octets of replies written. */
    int length() {
        return out.length();
    }

    /** Forgets what this batch answered without counting it (a batch outside any server). */
    void forgetCounts() {
        Arrays.fill(byCommand, 0);
        invalid = 0;
    }

    /** Adds what this batch answered to the counters, and forgets it; true if it answered any line. */
    boolean countInto(Counters counters) {
        boolean any = invalid > 0;
        for (Command command : COMMANDS) {
            if (byCommand[command.ordinal()] > 0) {
                any = true;
                counters.requestsAnswered(command, byCommand[command.ordinal()]);
                byCommand[command.ordinal()] = 0;
            }
        }
        if (invalid > 0) {
            counters.invalidLinesAnswered(invalid);
            invalid = 0;
        }
        return any;
    }

    private boolean full() {
        return out.length() >= budget;
    }

    @Override
    public boolean line(byte[] bytes, int from, int to, LineEnd end) {
        if (first && ForeignProtocol.ofFirstLine(bytes, from, to) != null) {
            return rejected(ErrorReason.WRONG_PROTOCOL);
        }
        first = false;
        int replyFrom = out.length();
        conversation.answer(line.parse(bytes, from, to), out);
        if (logEach) {
            SessionLog.answered(peer, SessionLog.text(bytes, from, to), SessionLog.text(out.array(), replyFrom,
                    out.length()));
        }
        if (line.isValid()) {
            byCommand[line.command().ordinal()]++;
        } else {
            invalid++;
        }
        return !conversation.ended() && !full();
    }

    @Override
    public boolean tooLong() {
        first = false;
        return rejected(ErrorReason.LINE_TOO_LONG);
    }

    @Override
    public boolean unterminated() {
        return rejected(ErrorReason.UNTERMINATED_LINE);
    }

    private boolean rejected(ErrorReason reason) {
        invalid++;
        int replyFrom = out.length();
        conversation.reject(reason, out);
        if (logEach) {
            SessionLog.answered(peer, "(" + reason.token() + ")", SessionLog.text(out.array(), replyFrom,
                    out.length()));
        }
        return !conversation.ended() && !full();
    }
}
