import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * HELO server, as a student writes it in one Java file (run with {@code java Server.java}): a thread per client,
 * lines read with BufferedReader.readLine(), replies end with CR LF. The port is 8008 (or HELO_PORT, when the
 * checker sets it).
 */
public class Server {
    public static void main(String[] args) throws IOException {
        String configured = System.getenv("HELO_PORT");
        int port = configured == null ? 8008 : Integer.parseInt(configured);
        try (ServerSocket listener = new ServerSocket(port, 128, InetAddress.getByName("127.0.0.1"))) {
            System.out.println("listening on port " + port);
            while (true) {
                Socket client = listener.accept();
                System.out.println("client connected from " + client.getInetAddress().getHostAddress());
                new Thread(() -> serve(client)).start();
            }
        }
    }

    static void serve(Socket client) {
        boolean greeted = false;
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = client.getOutputStream();
            while (true) {
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                String command = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                String argument = line.contains(" ") ? line.substring(line.indexOf(' ') + 1) : "";
                String reply;
                if (command.equals("BYE")) {
                    out.write("See ya later\r\n".getBytes(StandardCharsets.UTF_8));
                    System.out.println("client said BYE");
                    return;
                } else if (hasControl(line)) {
                    reply = "ERR bad-character control character in request";
                } else if (command.equals("HELO") && !argument.isEmpty()) {
                    greeted = true;
                    reply = "Hello " + argument + ", pleased to meet you.";
                } else if (!greeted && List.of("REQTIME", "REQDATE", "ECHO", "REQIP").contains(command)) {
                    reply = "ERR helo-required say HELO first";
                } else if (command.equals("REQTIME")) {
                    reply = LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"));
                } else if (command.equals("REQDATE")) {
                    reply = LocalDate.now().toString();
                } else if (command.equals("ECHO")) {
                    reply = argument;
                } else if (command.equals("REQIP")) {
                    reply = client.getInetAddress().getHostAddress();
                } else {
                    reply = "ERR unknown-command unknown command";
                }
                out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            System.out.println("client gone: " + e.getMessage());
        }
    }

    /** C0 controls but TAB, DEL, and the C1 controls are not allowed in a request. */
    static boolean hasControl(String line) {
        return line.chars().anyMatch(c -> (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f));
    }
}
