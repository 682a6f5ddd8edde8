package ekc.bench.asterisk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The least of an Asterisk manager interface that lets the adapter log in: banner, Challenge,
 * Login, and a success for anything else (Filter, QueueStatus). Runs one thread per connection.
 * Benchmarks only; the protocol-faithful peer is the asterisk module's test {@code FakeAmi}.
 */
final class BenchAmiServer implements AutoCloseable {

    private final ServerSocket server;
    private volatile OutputStream session;

    BenchAmiServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "bench-ami");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Writes bytes to the logged-in session in one go; blocks while the client's socket buffer is full. */
    void send(byte[] bytes) throws IOException {
        OutputStream out = session;
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    boolean loggedIn() {
        return session != null;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "bench-ami-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            OutputStream out = s.getOutputStream();
            write(out, "Asterisk Call Manager/11.0.0\r\n");
            String action = null;
            String id = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty()) {
                    String l = line.toLowerCase(Locale.ROOT);
                    if (l.startsWith("action:")) {
                        action = line.substring(7).strip().toLowerCase(Locale.ROOT);
                    } else if (l.startsWith("actionid:")) {
                        id = line.substring(9).strip();
                    }
                    continue;
                }
                String idLine = id == null ? "" : "ActionID: " + id + "\r\n";
                if ("challenge".equals(action)) {
                    write(out, "Response: Success\r\n" + idLine + "Challenge: 123456789\r\n\r\n");
                } else if ("login".equals(action)) {
                    write(out, "Response: Success\r\n" + idLine + "Message: Authentication accepted\r\n\r\n");
                    session = out;
                } else {
                    write(out, "Response: Success\r\n" + idLine + "Message: Success\r\n\r\n");
                }
                action = null;
                id = null;
            }
        } catch (IOException e) {
            // client gone
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        synchronized (out) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
