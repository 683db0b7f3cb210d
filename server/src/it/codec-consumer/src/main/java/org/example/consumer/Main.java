package org.example.consumer;

import io.helo.codec.Request;
import io.helo.codec.Response;
import io.helo.codec.blocking.HeloClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/** A third party's program: one whole session with the codec's blocking client, each reply's wire form printed. */
public final class Main {
    private Main() {
    }

    /** Connects to the host and port given as arguments and prints the server's six replies. */
    public static void main(String[] args) throws IOException {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        List<Request> session = List.of(new Request.Helo("program"), new Request.Echo("no MINA here"),
                new Request.ReqIp(), new Request.Bye());
        try (HeloClient client = HeloClient.connect(server, HeloClient.Settings.defaults())) {
            for (Request request : session) {
                Response reply = client.exchange(request);
                System.out.println(reply.line());
            }
        }
    }
}
