import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the server under the unit's sandbox and JVM options, for the restart check of systemd-test.sh:
 * listens on the port given, and on a line "OOM" fills its heap, so that -XX:+ExitOnOutOfMemoryError ends the JVM
 * with status 3, as the server's own out-of-memory handler does.
 */
public final class ExitServer {
    private ExitServer() {
    }

    /** Serves the port given as the only argument until asked to run out of memory. */
    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]))) {
            System.out.println("stand-in listening on " + args[0]);
            while (true) {
                try (Socket client = server.accept()) {
                    String line = new BufferedReader(new InputStreamReader(client.getInputStream(),
                            StandardCharsets.US_ASCII)).readLine();
                    if ("OOM".equals(line)) {
                        System.out.println("filling the heap");
                        List<long[]> hog = new ArrayList<>();
                        while (true) {
                            hog.add(new long[1 << 20]);
                        }
                    }
                }
            }
        }
    }
}
