package io.helo.dist;

import io.helo.client.ClientMain;
import io.helo.conformance.ConformanceMain;
import io.helo.server.cli.ServerMain;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.zip.Deflater;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the documentation the Debian package installs: each program's manual pages and bash completion, made
 * from the same picocli annotations as its {@code --help} so that the three never disagree ({@code man/NAME.1.gz}
 * per command and subcommand, {@code completion/NAME}), and the changelogs ({@code doc/changelog.gz}, the
 * project's own, and {@code doc/changelog.Debian.gz}, the package's).
 */
public final class PackageDocs {
    private static final String MAINTAINER = "The HELO protocol developers <helo-protocol@users.noreply.github.com>";

    private final Asciidoctor asciidoctor = Asciidoctor.Factory.create();
    private final Path man;
    private final Path completion;

    private PackageDocs(Path out) throws IOException {
        this.man = Files.createDirectories(out.resolve("man"));
        this.completion = Files.createDirectories(out.resolve("completion"));
    }

    /**
     * Writes the package's documentation.
     *
     * @param args the output folder, the project's CHANGELOG.md, and the project's version
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        PackageDocs docs = new PackageDocs(out);
        try {
            docs.program("helo-server", ServerMain.commandLine(System.out, System.err));
            docs.program("helo-client", ClientMain.commandLine(System.out, System.err));
            docs.program("helo-conformance", ConformanceMain.commandLine());
        } finally {
            docs.asciidoctor.shutdown();
        }
        Path doc = Files.createDirectories(out.resolve("doc"));
        gzip(doc.resolve("changelog.gz"), Files.readString(Path.of(args[1])));
        gzip(doc.resolve("changelog.Debian.gz"),
                debianChangelog(debianVersion(args[2]), ZonedDateTime.now(ZoneOffset.UTC)));
    }

    private void program(String name, CommandLine command) throws IOException {
        command.setCommandName(name);
        // a completion script is sourced, not run: no interpreter line
        String script = AutoComplete.bash(name, command).replaceFirst("\\A#!.*\\R", "");
        Files.writeString(completion.resolve(name), script, StandardCharsets.UTF_8);
        page(name, command);
        for (CommandLine subcommand : command.getSubcommands().values()) {
            page(name + "-" + subcommand.getCommandName(), subcommand);
        }
    }

    private void page(String pageName, CommandLine command) throws IOException {
        StringWriter adoc = new StringWriter();
        try (PrintWriter out = new PrintWriter(adoc)) {
            ManPageGenerator.writeSingleManPage(out, command.getCommandSpec());
        }
        Options options = Options.builder().backend("manpage").standalone(true).safe(SafeMode.SAFE).build();
        gzip(man.resolve(pageName + ".1.gz"), asciidoctor.convert(adoc.toString(), options));
    }

    /**
     * The package's version: the project's, a snapshot sorting before its release ({@code ~}, as jdeb writes it in
     * the control file), and the package's revision 1 ({@code Version: [[version]]-1} there).
     */
    static String debianVersion(String projectVersion) {
        return projectVersion.replace("-SNAPSHOT", "~SNAPSHOT") + "-1";
    }

    /** The package's own changelog: one entry, pointing at the project's. */
    static String debianChangelog(String version, ZonedDateTime date) {
        return "helo (" + version + ") unstable; urgency=medium\n\n"
                + "  * The project's version " + version.replaceFirst("-[^-]*$", "") + ", packaged.\n"
                + "    Its changes are in /usr/share/doc/helo/changelog.gz.\n\n"
                + " -- " + MAINTAINER + "  "
                + DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH).format(date) + "\n";
    }

    /** Gzipped at the best compression, said so in the header, with no time in it: as Debian keeps documentation. */
    private static void gzip(Path file, String text) throws IOException {
        GzipParameters parameters = new GzipParameters();
        parameters.setCompressionLevel(Deflater.BEST_COMPRESSION);
        try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(file), parameters)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
