package ekc.asterisk;

import ekc.config.AsteriskConfig;
import ekc.config.AsteriskRoute;
import ekc.config.EkcConfig;
import ekc.engine.CallIds;
import ekc.engine.Input;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asteriskjava.fastagi.AgiScript;

/** An adapter wired to collect its Inputs, with two operators on Asterisk and two routes. */
final class Fixture implements AutoCloseable {

    static final String ALICE = "25722";
    static final String DAVE = "25723";
    static final String SECRET = "s3cr3t";

    final List<Input> inputs = java.util.Collections.synchronizedList(new ArrayList<>());
    final Path secretFile;
    final int agiPort;
    final AsteriskAdapter adapter;

    Fixture(Path dir, int amiPort, Map<String, AgiScript> extraScripts) throws IOException {
        secretFile = dir.resolve("ami-secret");
        if (!Files.exists(secretFile)) {
            Files.writeString(secretFile, SECRET + "\n");
        }
        agiPort = freePort();
        AsteriskConfig a = new AsteriskConfig(true, "127.0.0.1", amiPort, "javaclient", secretFile.toString(), null,
                50, 400, "127.0.0.1", agiPort, null, null, null,
                Map.of(ALICE, "PJSIP/2001", DAVE, "PJSIP/2002"),
                Map.of("sales", new AsteriskRoute("support", null, "ekc/welcome"),
                        "default", new AsteriskRoute("support", null, null),
                        "vip", new AsteriskRoute(null, ALICE, null)));
        EkcConfig config = new EkcConfig(null, null, null, null, null, null, null, null, null, a);
        adapter = new AsteriskAdapter(config, inputs::add, new CallIds(17_000_000L), extraScripts);
    }

    Fixture(Path dir, int amiPort) throws IOException {
        this(dir, amiPort, Map.of());
    }

    <T extends Input> List<T> inputs(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Input i : inputs) {
            if (type.isInstance(i)) {
                out.add(type.cast(i));
            }
        }
        return out;
    }

    /** FastAGI needs a port number before it binds (DefaultAgiServer does not report port 0's choice). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        adapter.close();
    }
}
