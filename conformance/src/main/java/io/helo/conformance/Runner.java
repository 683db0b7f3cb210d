package io.helo.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs cases one after the other, each with a time limit, and grades them: a requirement not met fails a MUST case
 * and warns on a SHOULD or MAY case; an exception is a finding like any other; a case that does not end in time is
 * not met. Whatever the implementation does, every case gets an outcome.
 */
public final class Runner {
    private Runner() {
    }

    /**
     * Runs {@code cases} against {@code target}.
     *
     * @param limit the time limit of each case
     * @param done called with each result as it is known, for progress output
     */
    public static <T> Report run(String targetName, String mode, List<Case<T>> cases, T target, Selection selection,
            Function<Case<T>, Duration> limit, Consumer<CaseResult> done) {
        return run(targetName, mode, cases, target, selection, limit, done, () -> null);
    }

    /**
     * As the other {@code run}, and stops grading against an implementation the checker started once it has gone:
     * the remaining cases fail with the reason instead of being graded against whatever holds the port.
     *
     * @param gone why the implementation is no longer there, or null while it is
     */
    public static <T> Report run(String targetName, String mode, List<Case<T>> cases, T target, Selection selection,
            Function<Case<T>, Duration> limit, Consumer<CaseResult> done, java.util.function.Supplier<String> gone) {
        return run(targetName, mode, cases, target, selection, limit, done, gone, Budget.unlimited());
    }

    /**
     * As the other {@code run}, within {@code budget}: each case's limit is cut to what is left of it, and once it is
     * spent the remaining cases fail (MUST) or warn (SHOULD) with "not run: time budget spent".
     */
    public static <T> Report run(String targetName, String mode, List<Case<T>> cases, T target, Selection selection,
            Function<Case<T>, Duration> limit, Consumer<CaseResult> done, java.util.function.Supplier<String> gone,
            Budget budget) {
        return run(targetName, mode, cases, target, selection, limit, done, grace -> gone.get(), budget);
    }

    /** Whether an implementation the checker started is still there. */
    @FunctionalInterface
    public interface Liveness {
        /** Why it is gone (waiting up to {@code grace} for it to go), or null while it runs. */
        String gone(Duration grace);
    }

    /**
     * As the other {@code run}; when the implementation goes during a case, that case's detail and every later one
     * name the last request the checker sent before it went.
     */
    public static <T> Report run(String targetName, String mode, List<Case<T>> cases, T target, Selection selection,
            Function<Case<T>, Duration> limit, Consumer<CaseResult> done, Liveness gone, Budget budget) {
        Instant started = Instant.now();
        long start = System.nanoTime();
        List<CaseResult> results = new ArrayList<>();
        Transcript transcript = target instanceof Transcribed t ? t.transcript() : null;
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "case");
            thread.setDaemon(true); // a case stuck in a read must not keep the checker alive
            return thread;
        });
        String lastRequest = null; // the last octets sent, and by which case: named when the implementation dies
        String died = null;
        try {
            for (Case<T> c : cases) {
                if (!selection.listed(c)) {
                    continue;
                }
                String skip = selection.skipReason(c);
                if (skip == null && died == null) {
                    String why = gone.gone(Duration.ZERO);
                    died = why == null ? null : why + after(lastRequest);
                }
                String absent = skip != null ? null : budget.spent() ? Budget.SPENT : died;
                // under the assignment profile a case is graded at the assignment's level, or apart if beyond it
                Level assigned = selection.assignment() ? AssignmentProfile.level(c) : c.level();
                boolean beyond = assigned == null;
                Level level = beyond ? c.level() : assigned;
                CaseResult result;
                if (skip != null) {
                    result = new CaseResult(c, Outcome.SKIPPED, skip, 0, List.of(), level, beyond);
                } else if (absent != null) {
                    result = new CaseResult(c, level == Level.MUST ? Outcome.FAIL : Outcome.WARN,
                            "not run: " + absent, 0, List.of(), level, beyond);
                } else {
                    if (transcript != null && ((Transcribed) target).perCase()) {
                        transcript.begin();
                    }
                    result = runOne(c, level, beyond, target, limit.apply(c), budget, threads);
                    String sent = transcript == null || !((Transcribed) target).perCase() ? null
                            : transcript.lastRequest();
                    if (sent != null) {
                        lastRequest = sent + " (" + c.id() + ")";
                    }
                    // a server that dies closes its connections as it goes: a case that saw one waits a moment
                    String why = gone.gone(result.outcome() != Outcome.PASS && transcript != null && transcript.troubled()
                            ? GRACE : Duration.ZERO);
                    if (why != null) {
                        died = why + after(lastRequest);
                        result = result.withDetail(result.detail() + "; " + died);
                    }
                    if (transcript != null && result.notPassed()) {
                        result = result.withTranscript(transcript.lines());
                    }
                }
                results.add(result);
                done.accept(result);
            }
        } finally {
            threads.shutdownNow();
        }
        return new Report(targetName, mode, started, (System.nanoTime() - start) / 1_000_000, results);
    }

    /** How long a case that did not pass waits for a dying implementation to be seen gone. */
    private static final Duration GRACE = Duration.ofMillis(200);

    private static String after(String lastRequest) {
        return lastRequest == null ? "" : ", after the request " + lastRequest;
    }

    private static <T> CaseResult runOne(Case<T> c, Level level, boolean beyond, T target, Duration caseLimit,
            Budget budget, ExecutorService threads) {
        long start = System.nanoTime();
        Duration limit = budget.cap(caseLimit);
        Future<Verdict> running = threads.submit(() -> c.check().run(target));
        Verdict verdict;
        try {
            verdict = running.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            verdict = Verdict.notMet(limit.compareTo(caseLimit) < 0 ? "not run to its end: " + Budget.SPENT
                    : "no outcome within " + Show.duration(limit) + ": the implementation hung");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            verdict = Verdict.notMet(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            verdict = Verdict.notApplicable("interrupted");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new CaseResult(c, grade(level, verdict.kind()), verdict.detail(), millis, List.of(), level, beyond);
    }

    private static Outcome grade(Level level, Verdict.Kind kind) {
        return switch (kind) {
            case MET -> Outcome.PASS;
            case NOT_APPLICABLE -> Outcome.SKIPPED;
            case NOT_MET -> level == Level.MUST ? Outcome.FAIL : Outcome.WARN;
        };
    }
}
