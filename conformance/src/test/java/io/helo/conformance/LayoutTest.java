package io.helo.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a submission's programs are found: its manifest, the conventional names, a single nested folder. */
class LayoutTest {
    @TempDir
    Path submission;

    @Test
    void shouldRunTheConventionalNamesWithTheirInterpreters() throws Exception {
        Files.writeString(submission.resolve("server.js"), "");
        Files.writeString(submission.resolve("client.py"), "");

        Layout layout = Layout.find(submission);

        assertThat(layout).isEqualTo(new Layout("", null, List.of("node", "server.js"), List.of("python3",
                "client.py")));
    }

    @Test
    void shouldFindTheProgramsOfASingleNestedFolder() throws Exception {
        Path nested = Files.createDirectories(submission.resolve("hw1/src"));
        Files.createDirectories(submission.resolve("__MACOSX"));
        Files.writeString(submission.resolve(".DS_Store"), "");
        Files.writeString(nested.resolve("server.py"), "");

        assertThat(Layout.find(submission)).isEqualTo(new Layout("hw1/src", null, List.of("python3", "server.py"),
                null));
    }

    @Test
    void shouldReadTheManifestBeforeTheConventionalNames() throws Exception {
        Files.writeString(submission.resolve("server.py"), "");
        Files.writeString(submission.resolve("helo.toml"), "build = \"gcc -o server server.c\"\nserver = \"./server"
                + "  --quiet\"\nclient = [\"java\", \"-cp\", \"out\", \"Client\"]\n");

        assertThat(Layout.find(submission)).isEqualTo(new Layout("", "gcc -o server server.c", List.of("./server",
                "--quiet"), List.of("java", "-cp", "out", "Client")));
    }

    @Test
    void shouldSayWhatWasLookedForWhenNothingIsFound() throws Exception {
        Files.createDirectories(submission.resolve("a"));
        Files.createDirectories(submission.resolve("b"));

        assertThatThrownBy(() -> Layout.find(submission)).isInstanceOf(Layout.NotGradableException.class)
                .hasMessage("found no helo.toml, server.py, server.jar, server.js, client.py, client.jar or client.js"
                        + " in its folder, nor in a single folder inside it");
    }

    @Test
    void shouldSayWhatIsWrongWithAManifest() throws Exception {
        Files.writeString(submission.resolve("helo.toml"), "server = 8008\n");
        assertThatThrownBy(() -> Layout.find(submission)).hasMessage("helo.toml: server must be a command, as a string"
                + " or a list of strings");

        Files.writeString(submission.resolve("helo.toml"), "server = \"./s\"\nclinet = \"./c\"\n");
        assertThatThrownBy(() -> Layout.find(submission)).hasMessage("helo.toml has an unknown key \"clinet\" (known:"
                + " build, server, client)");

        Files.writeString(submission.resolve("helo.toml"), "server = [\n");
        assertThatThrownBy(() -> Layout.find(submission)).hasMessageStartingWith("helo.toml is not TOML: ");

        Files.writeString(submission.resolve("helo.toml"), "build = \"make\"\n");
        assertThatThrownBy(() -> Layout.find(submission)).hasMessage("helo.toml names neither a server nor a client");
    }
}
