package io.helo.server.session;

import io.helo.codec.Command;
import io.helo.codec.ErrorReason;
import io.helo.codec.ForeignProtocol;
import io.helo.codec.LineEnd;
import io.helo.codec.LineFramer;
import io.helo.codec.ReplyWriter;
import io.helo.codec.RequestLine;
import io.helo.server.ServerConfig;
import io.helo.server.ops.Counters;

/**
 * One pass over a session's input: frames its lines, answers each, and stops at the end of the input, at the end
 * of the conversation, or once the replies fill the budget of one pass ({@code --max-read}). Reused by one thread for pass after pass,
 * so that answering creates no objects; one per thread.
 */
final class Pass implements LineFramer.Sink {
    private static final ThreadLocal<Pass> PER_THREAD = ThreadLocal.withInitial(Pass::new);
    private static final Command[] COMMANDS = Command.values(); // values() copies the array at every call

    final ReplyWriter out = new ReplyWriter(ServerConfig.DEFAULT_MAX_READ_BYTES + 2048);
    private final RequestLine line = new RequestLine();
    private final int[] byCommand = new int[COMMANDS.length];
    private int invalid;
    private SessionState state;
    private Conversation conversation;
    private boolean first;
    private boolean logEach;
    private int budget;

    /** The pass of the calling thread, emptied, to write at most about {@code budget} octets of replies. */
    static Pass start(int budget) {
        Pass pass = PER_THREAD.get();
        pass.out.clear();
        pass.budget = budget;
        return pass;
    }

    /** Answers the lines of {@code bytes[from, to)}; returns the index after the last octet it took. */
    int answer(SessionState session, byte[] bytes, int from, int to) {
        begin(session);
        return session.framer.feed(bytes, from, to, this);
    }

    /** Answers a line left without line end: silence or the end of the stream. */
    void answerLast(SessionState session, LineEnd end) {
        begin(session);
        session.framer.endLine(end, this);
    }

    private void begin(SessionState session) {
        state = session;
        conversation = session.conversation;
        first = conversation.requests() == 0;
        logEach = SessionLog.perRequest(); // asked once a pass, not once a line
    }

    /** True if the replies written so far fill the budget. */
    boolean full() {
        return out.length() >= budget;
    }

    /** Forgets what this pass answered without counting it (a pass outside any server). */
    void forgetCounts() {
        java.util.Arrays.fill(byCommand, 0);
        invalid = 0;
    }

    /** Adds what this pass answered to the counters, and forgets it; true if it answered any line. */
    boolean answered(Counters counters) {
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

    @Override
    public boolean line(byte[] bytes, int from, int to, LineEnd end) {
        if (first && ForeignProtocol.ofFirstLine(bytes, from, to) != null) {
            return rejected(ErrorReason.WRONG_PROTOCOL);
        }
        first = false;
        int replyFrom = out.length();
        conversation.answer(line.parse(bytes, from, to), out);
        if (logEach) {
            SessionLog.answered(state, bytes, from, to, out.array(), replyFrom, out.length());
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
            byte[] what = ("(" + reason.token() + ")").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            SessionLog.answered(state, what, 0, what.length, out.array(), replyFrom, out.length());
        }
        return !conversation.ended() && !full();
    }
}
