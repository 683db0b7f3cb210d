package io.helo.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The batch's case runner: grades one submission (in its pod when sandboxed) and writes its {@link Graded} as one
 * JSON document on the standard output, for the batch that started it. Not for people: {@code batch} runs it.
 */
@Command(name = GradeSubmissionCommand.NAME, hidden = true, description = "Grades one submission for batch.")
final class GradeSubmissionCommand implements Callable<Integer> {
    /** The subcommand's name. */
    static final String NAME = "grade-submission";

    @Spec
    CommandSpec spec;
    @Option(names = "--name", required = true)
    String name;
    @Mixin
    RunnerOptions runner;
    @Option(names = "--time-budget")
    int budgetSeconds = 120;
    @Option(names = "--slow")
    boolean slow;
    @Option(names = "--case")
    java.util.List<String> only = new java.util.ArrayList<>();
    @Option(names = "--exclude")
    java.util.List<String> excluded = new java.util.ArrayList<>();
    @Option(names = "--reason")
    java.util.List<String> reasons = new java.util.ArrayList<>();
    @Option(names = "--profile")
    String profile = "assignment";
    @Mixin
    SandboxOptions sandboxOptions;
    @Parameters(paramLabel = "FOLDER")
    Path folder;

    @Override
    public Integer call() throws IOException {
        Sandbox sandbox = new Sandbox(sandboxOptions.kind(Sandbox.Kind.BWRAP), sandboxOptions.limits());
        Graded graded = SubmissionGrader.grade(name, folder, runner.out, new SubmissionGrader.Settings(runner.port,
                Duration.ofSeconds(runner.limitSeconds), Duration.ofSeconds(runner.buildSeconds),
                Duration.ofSeconds(budgetSeconds), new BatchSelection(only, excluded, reasons, profile, slow),
                sandbox));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(new ObjectMapper().writeValueAsString(graded.tree()));
        stdout.flush();
        return ConformanceMain.CONFORMS;
    }
}
