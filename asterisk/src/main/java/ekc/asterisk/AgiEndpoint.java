package ekc.asterisk;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI server: asterisk-java's {@code DefaultAgiServer}, accepting on its own thread
 * ({@code ekc-agi}) and running each request on its pool. Scripts are found by the URL path:
 * {@code agi://host:port/route} runs the script mapped to {@code route}.
 */
final class AgiEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgiEndpoint.class);

    private final DefaultAgiServer server;
    private final Thread thread;
    private final String host;
    private final int port;

    AgiEndpoint(String host, int port, Map<String, AgiScript> scripts) {
        SimpleMappingStrategy mapping = new SimpleMappingStrategy();
        mapping.setMappings(Map.copyOf(scripts));
        this.server = new DefaultAgiServer(mapping);
        this.host = host;
        this.port = port;
        try {
            server.setAddress(InetAddress.getByName(host));
        } catch (IOException e) {
            throw new IllegalArgumentException("asterisk.agiHost '" + host + "' is not an address: " + e.getMessage(), e);
        }
        server.setPort(port);
        server.setPoolSize(4);
        server.setMaximumPoolSize(64);
        this.thread = new Thread(this::serve, "ekc-agi");
        this.thread.setDaemon(true);
    }

    /** @throws IllegalStateException when the address cannot be bound (in use, not local) */
    void start() {
        // DefaultAgiServer binds on its own thread and only logs a failure: try the address here first
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("asterisk.agiHost/agiPort " + host + ":" + port + " cannot be bound: "
                    + e.getMessage(), e);
        }
        thread.start();
    }

    private void serve() {
        try {
            server.startup(); // returns when shut down
        } catch (IOException e) {
            LOG.error("AGI: cannot listen on {}:{}: {}", host, port, e.getMessage());
        } catch (IllegalStateException e) {
            LOG.debug("AGI: server stopped: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            server.shutdown();
        } catch (IllegalStateException e) {
            LOG.debug("AGI: {}", e.getMessage());
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
