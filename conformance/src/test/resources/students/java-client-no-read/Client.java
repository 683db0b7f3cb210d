import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HELO client, as a student writes it in one Java file (run with {@code java Client.java}): sends every command once,
 * and never reads a reply. The server is this machine, port 8008 (or HELO_PORT, when the checker sets it).
 */
public class Client {
    public static void main(String[] args) throws IOException {
        String configured = System.getenv("HELO_PORT");
        int port = configured == null ? 8008 : Integer.parseInt(configured);
        String name = InetAddress.getLocalHost().getHostName();
        List<String> commands = List.of("HELO " + name, "REQTIME", "REQDATE", "ECHO Hello from Java", "REQIP", "BYE");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            System.out.println("connected to 127.0.0.1 port " + port);
            OutputStream out = socket.getOutputStream();
            for (String command : commands) {
                out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                System.out.println("sent " + command);
            }
        }
    }
}
