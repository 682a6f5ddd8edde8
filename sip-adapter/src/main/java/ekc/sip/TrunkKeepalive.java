package ekc.sip;

import ekc.config.SipTrunk;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.address.SipURI;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OPTIONS towards the outbound gateway every {@code keepaliveSeconds}, so a dead trunk is known
 * (and logged once, as is its return) before a call-back needs it. {@link #ping} runs on the
 * adapter's timer thread, {@link #answered} and {@link #failed} on lanes. Thread-safe.
 */
final class TrunkKeepalive {

    private static final Logger LOG = LoggerFactory.getLogger(TrunkKeepalive.class);
    static final String CALL_ID_PREFIX = "ekc-keepalive-";

    private final SipTrunk trunk;
    private final Wire wire;
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final AtomicInteger answers = new AtomicInteger();

    TrunkKeepalive(SipTrunk trunk, Wire wire) {
        this.trunk = trunk;
        this.wire = wire;
    }

    void ping() {
        try {
            String[] hostPort = trunk.gateway().split(":");
            SipURI uri = wire.addresses.createSipURI(null, hostPort[0]);
            if (hostPort.length > 1) {
                uri.setPort(Integer.parseInt(hostPort[1]));
            }
            if ("tcp".equals(trunk.transport())) {
                uri.setTransportParam("tcp");
            }
            List<ViaHeader> vias = new ArrayList<>();
            vias.add(wire.headers.createViaHeader(wire.host, wire.port, trunk.transport(), null));
            int n = sequence.incrementAndGet();
            Request options = wire.messages.createRequest(uri, Request.OPTIONS,
                    wire.headers.createCallIdHeader(CALL_ID_PREFIX + n + "-" + wire.port + "@" + wire.host),
                    wire.headers.createCSeqHeader((long) n, Request.OPTIONS),
                    wire.headers.createFromHeader(wire.addresses.createAddress(wire.uri("ekc")), Integer.toHexString(n)),
                    wire.headers.createToHeader(wire.addresses.createAddress(uri), null), vias,
                    wire.headers.createMaxForwardsHeader(70));
            wire.provider.getNewClientTransaction(options).sendRequest();
        } catch (Exception e) {
            failed("cannot send OPTIONS: " + e.getMessage());
        }
    }

    /** Any response proves the gateway is alive. */
    void answered() {
        answers.incrementAndGet();
        if (up.compareAndSet(false, true)) {
            LOG.info("trunk {} answers OPTIONS again", trunk.gateway());
        }
    }

    void failed(String why) {
        if (up.compareAndSet(true, false)) {
            LOG.warn("trunk {} does not answer OPTIONS ({}): call-backs will fail until it does", trunk.gateway(), why);
        }
    }

    boolean up() {
        return up.get();
    }

    int answers() {
        return answers.get();
    }
}
