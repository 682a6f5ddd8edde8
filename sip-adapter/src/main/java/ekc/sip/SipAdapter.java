package ekc.sip;

import ekc.config.EkcConfig;
import ekc.engine.CallIds;
import ekc.engine.Command;
import ekc.engine.Input;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ObjectInUseException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EKC's SIP side: the trunk towards citizens (INVITE for the hotline → {@link Input.CallOffered}),
 * the registrar for operators' phones, legs to those phones (B2BUA), transfers and call-backs.
 *
 * <p>Threads: a UDP datagram goes from the receive thread to its call's lane thread ({@link Lanes}),
 * where JAIN-SIP parses it and calls the listener, which applies the flood limits and goes on there;
 * TCP messages and the stack's timeouts arrive on JAIN-SIP's threads and are handed to the lane. Each
 * call's messages and commands run in order on its lane. {@link #execute} is called from the app's dispatcher thread
 * and only enqueues. One timer thread runs registration expiry, ring timeouts and the trunk
 * keepalive.
 */
public final class SipAdapter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SipAdapter.class);

    private final EkcConfig config;
    private final Consumer<Input> engine;
    private final MediaPorts media;
    private final CallIds ids;
    private final LongSupplier clock;

    private Lanes lanes;
    private ScheduledExecutorService timer;
    private SipStack stack;
    private SipProvider provider;
    private Wire wire;
    private FloodGuard guard;
    private Registrar registrar;
    private B2bua calls;
    private TrunkKeepalive keepalive;
    private int port;

    public SipAdapter(EkcConfig config, Consumer<Input> engine, MediaPorts media, CallIds ids) {
        this(config, engine, media, ids, System::currentTimeMillis);
    }

    /** {@code clock}: wall-clock millis, for registration expiry and flood windows. */
    SipAdapter(EkcConfig config, Consumer<Input> engine, MediaPorts media, CallIds ids, LongSupplier clock) {
        this.config = config;
        this.engine = engine;
        this.media = media;
        this.ids = ids;
        this.clock = clock;
        new Hotline(config).warmUp(); // fails at construction on a hotline number that is no number
    }

    /** Binds UDP and TCP on {@code config.sip()}'s host and port (0: any free port, see {@link #port()}). */
    public void start() {
        Quiet.stackLogging();
        lanes = new Lanes(Math.max(2, Runtime.getRuntime().availableProcessors()), 65_536);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ekc-sip-timer");
            t.setDaemon(true);
            return t;
        });
        String host = config.sip().host();
        int wanted = config.sip().port();
        Exception last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            int candidate = wanted != 0 ? wanted : freeUdpPort(host);
            try {
                bind(host, candidate);
                port = candidate;
                LOG.info("SIP listening on {}:{} ({})", host, port, config.sip().transports());
                startTimers();
                return;
            } catch (SipException | InvalidArgumentException e) {
                last = e;
                stopStack();
                if (wanted != 0) {
                    break;
                }
            }
        }
        lanes.close();
        timer.shutdownNow();
        throw new IllegalStateException("cannot listen for SIP on " + host + ":" + wanted + ": "
                + (last != null ? last.getMessage() : "no free port"), last);
    }

    private void bind(String host, int candidate) throws SipException, InvalidArgumentException {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        stack = factory.createSipStack(StackProperties.of(host, 2));
        for (String transport : config.sip().transports()) {
            ListeningPoint lp = stack.createListeningPoint(host, candidate, transport);
            if (provider == null) {
                provider = stack.createSipProvider(lp);
            } else {
                provider.addListeningPoint(lp);
            }
        }
        wire = new Wire(provider, factory.createHeaderFactory(), factory.createAddressFactory(),
                factory.createMessageFactory(), host, candidate);
        guard = new FloodGuard(config.sip().limits(), clock);
        registrar = new Registrar(config.sip(), wire, engine, guard, clock);
        calls = new B2bua(config, wire, engine, media, ids, registrar, lanes, timer);
        if (config.sip().trunk().gateway() != null) {
            keepalive = new TrunkKeepalive(config.sip().trunk(), wire);
        }
        try {
            provider.addSipListener(new Listener());
        } catch (java.util.TooManyListenersException e) {
            throw new SipException("listener already set", e);
        }
        stack.start();
        // each UDP datagram is parsed on its call's lane: one hand-off a message, not two (UdpProcessors)
        UdpProcessors.dispatchTo(provider, (sipCallId, parse) -> {
            Leg leg = sipCallId != null ? calls.leg(sipCallId) : null;
            return lanes.run(leg != null ? leg.lane() : lanes.laneOf(sipCallId != null ? sipCallId : ""), parse);
        });
    }

    private void startTimers() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                registrar.expire();
                guard.sweep();
            } catch (RuntimeException e) {
                LOG.warn("SIP housekeeping failed", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
        if (keepalive != null && config.sip().trunk().keepaliveSeconds() > 0) {
            int every = config.sip().trunk().keepaliveSeconds();
            timer.scheduleWithFixedDelay(keepalive::ping, 0, every, TimeUnit.SECONDS);
        }
    }

    private static int freeUdpPort(String host) {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName(host))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free UDP port on " + host, e);
        }
    }

    /** The port SIP listens on (UDP and TCP). */
    public int port() {
        return port;
    }

    /**
     * Called on the app's dispatcher thread; only enqueues onto the call's lane. Handles AnswerCall,
     * HangUp, RingAgent, CancelAgent, ReleaseAgent and DialCitizen; other commands are media's.
     */
    public void execute(Command command) {
        CallerLeg call = command instanceof Command.DialCitizen ? calls.callback(command.callId()) : calls.find(command.callId());
        if (call == null) {
            return; // the call is already gone (e.g. the caller hung up while the command was queued)
        }
        lanes.run(call.lane, () -> calls.command(call, command));
    }

    /** The media leg id of an operator's leg of a call (for the app to bridge), or −1 when there is none. */
    public long agentLeg(long callId, String agentId) {
        return calls.agentLeg(callId, agentId);
    }

    /**
     * A DTMF digit the media side heard (RFC 4733) on an operator's leg: digits ending with # that
     * spell a transfer code publish {@link Input.TransferRequested}. Any thread.
     */
    public void agentDigit(long callId, String agentId, char digit) {
        CallerLeg call = calls.find(callId);
        if (call != null) {
            lanes.run(call.lane, () -> calls.agentDigit(call, agentId, digit));
        }
    }

    /** Calls in progress (for metrics and tests). */
    public int activeCalls() {
        return calls.activeCalls();
    }

    /** Whether the outbound gateway answers OPTIONS (true when none is configured). */
    public boolean trunkUp() {
        return keepalive == null || keepalive.up();
    }

    int trunkAnswers() {
        return keepalive == null ? 0 : keepalive.answers();
    }

    /** JAIN-SIP's callbacks: on a lane (UDP) or a stack thread. Everything runs on the message's lane. */
    private final class Listener implements SipListener {

        @Override
        public void processRequest(RequestEvent event) {
            Request request = event.getRequest();
            String method = request.getMethod();
            if (!guard.admit(Wire.sourceOf(event), method)) {
                return; // flooding or blocked: dropped without a word, like pike
            }
            String sipCallId = Wire.callIdOf(request);
            Leg leg = calls.leg(sipCallId);
            int lane = leg != null ? leg.lane() : lanes.laneOf(sipCallId);
            Runnable task = Request.REGISTER.equals(method) ? () -> registrar.register(event) : () -> calls.request(event);
            if (!lanes.handle(lane, task) && !Request.ACK.equals(method)) {
                Response busy = wire.response(Response.SERVICE_UNAVAILABLE, request);
                if (busy != null) {
                    wire.stateless(busy);
                }
            }
        }

        @Override
        public void processResponse(ResponseEvent event) {
            String sipCallId = Wire.callIdOf(event.getResponse());
            if (keepalive != null && sipCallId.startsWith(TrunkKeepalive.CALL_ID_PREFIX)) {
                keepalive.answered();
                return;
            }
            Leg leg = calls.leg(sipCallId);
            int lane = leg != null ? leg.lane() : lanes.laneOf(sipCallId);
            lanes.handle(lane, () -> calls.response(event));
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
            if (event.getClientTransaction() != null) {
                String sipCallId = Wire.callIdOf(event.getClientTransaction().getRequest());
                if (keepalive != null && sipCallId.startsWith(TrunkKeepalive.CALL_ID_PREFIX)) {
                    keepalive.failed("timeout");
                    return;
                }
                Leg leg = calls.leg(sipCallId);
                if (leg != null) {
                    lanes.run(leg.lane(), () -> calls.timeout(event));
                }
            }
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
            LOG.debug("SIP transport error towards {}:{}", event.getHost(), event.getPort());
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {
            // transactions clean up after themselves
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {
            // calls end by BYE, CANCEL, final responses or commands; only a dialog whose ACK never came ends here
            javax.sip.Dialog dialog = event.getDialog();
            if (dialog == null || dialog.getCallId() == null) {
                return;
            }
            Leg leg = calls.leg(dialog.getCallId().getCallId());
            if (leg != null) {
                lanes.run(leg.lane(), () -> calls.dialogTerminated(dialog));
            }
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (lanes != null) {
            lanes.close();
        }
        stopStack();
        if (calls != null) {
            calls.closeAll();
        }
    }

    private void stopStack() {
        if (stack != null) {
            if (provider != null) {
                try {
                    stack.deleteSipProvider(provider);
                } catch (ObjectInUseException e) {
                    LOG.debug("provider still in use at stop");
                }
            }
            gov.nist.javax.sip.EventScanner scanner = ((gov.nist.javax.sip.SipStackImpl) stack).getEventScanner();
            stack.stop();
            if (scanner != null) {
                // the RI's stop() marks its event thread stopped but leaves it blocked in take(), a
                // non-daemon thread for ever (SipBench never exited); any event wakes it to see that
                scanner.addEvent(new gov.nist.javax.sip.EventWrapper(new java.util.EventObject(this), null));
            }
        }
        stack = null;
        provider = null;
    }
}
