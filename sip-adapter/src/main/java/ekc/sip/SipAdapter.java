package ekc.sip;

import ekc.config.EkcConfig;
import ekc.engine.CallIds;
import ekc.engine.Channel;
import ekc.engine.Command;
import ekc.engine.Direction;
import ekc.engine.Input;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ObjectInUseException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EKC's SIP side: the trunk towards citizens (INVITE for the hotline → {@link Input.CallOffered}),
 * answering and hanging up on the engine's {@link Command}s.
 *
 * <p>Threads: JAIN-SIP's stack threads parse and call the listener, which only finds the call's
 * lane and hands off; each call's messages and commands then run in order on its lane thread
 * ({@link Lanes}). {@link #execute} is called from the app's dispatcher thread and only enqueues.
 */
public final class SipAdapter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SipAdapter.class);
    private static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS";

    private final EkcConfig config;
    private final Consumer<Input> engine;
    private final MediaPorts media;
    private final CallIds ids;
    private final Hotline hotline;
    private final Map<String, CallerLeg> bySipCallId = new ConcurrentHashMap<>();
    private final Map<Long, CallerLeg> byCallId = new ConcurrentHashMap<>();

    private Lanes lanes;
    private SipStack stack;
    private SipProvider provider;
    private HeaderFactory headers;
    private AddressFactory addresses;
    private MessageFactory messages;
    private int port;

    public SipAdapter(EkcConfig config, Consumer<Input> engine, MediaPorts media, CallIds ids) {
        this.config = config;
        this.engine = engine;
        this.media = media;
        this.ids = ids;
        this.hotline = new Hotline(config);
    }

    /** Binds UDP and TCP on {@code config.sip()}'s host and port (0: any free port, see {@link #port()}). */
    public void start() {
        Quiet.stackLogging();
        lanes = new Lanes(Math.max(2, Runtime.getRuntime().availableProcessors()), 65_536);
        String host = config.sip().host();
        int wanted = config.sip().port();
        SipException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            int candidate = wanted != 0 ? wanted : freeUdpPort(host);
            try {
                bind(host, candidate);
                port = candidate;
                LOG.info("SIP listening on {}:{} ({})", host, port, config.sip().transports());
                return;
            } catch (SipException | InvalidArgumentException e) {
                last = e instanceof SipException s ? s : new SipException(e.getMessage(), e);
                stopStack();
                if (wanted != 0) {
                    break;
                }
            }
        }
        lanes.close();
        throw new IllegalStateException("cannot listen for SIP on " + host + ":" + wanted + ": "
                + (last != null ? last.getMessage() : "no free port"), last);
    }

    private void bind(String host, int candidate) throws SipException, InvalidArgumentException {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        stack = factory.createSipStack(StackProperties.of(host, 2));
        headers = factory.createHeaderFactory();
        addresses = factory.createAddressFactory();
        messages = factory.createMessageFactory();
        for (String transport : config.sip().transports()) {
            ListeningPoint lp = stack.createListeningPoint(host, candidate, transport);
            if (provider == null) {
                provider = stack.createSipProvider(lp);
            } else {
                provider.addListeningPoint(lp);
            }
        }
        try {
            provider.addSipListener(new Listener());
        } catch (java.util.TooManyListenersException e) {
            throw new SipException("listener already set", e);
        }
        stack.start();
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

    /** Called on the app's dispatcher thread; only enqueues onto the call's lane. */
    public void execute(Command command) {
        CallerLeg call = byCallId.get(command.callId());
        if (call == null) {
            return; // the call is already gone (e.g. the caller hung up while the command was queued)
        }
        lanes.run(call.lane, () -> onLane(call, command));
    }

    /** The media leg id of an operator's leg of a call, or −1 when there is none. */
    public long agentLeg(long callId, String agentId) {
        return -1;
    }

    private void onLane(CallerLeg call, Command command) {
        if (call.ended) {
            return;
        }
        if (command instanceof Command.AnswerCall) {
            answer(call);
        } else if (command instanceof Command.HangUp h) {
            hangUp(call, h.reason());
        }
    }

    // ---------------------------------------------------------------- inbound requests (lane thread)

    private void onRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        switch (method) {
            case Request.INVITE -> {
                if (event.getDialog() != null && event.getDialog().getState() != null
                        && bySipCallId.containsKey(callIdOf(request))) {
                    reInvite(event);
                } else {
                    invite(event);
                }
            }
            case Request.ACK -> ack(event);
            case Request.BYE -> bye(event);
            case Request.CANCEL -> cancel(event);
            case Request.OPTIONS -> respond(event, Response.OK);
            default -> respond(event, Response.METHOD_NOT_ALLOWED);
        }
    }

    private void invite(RequestEvent event) {
        Request request = event.getRequest();
        ServerTransaction tx = serverTransaction(event);
        if (tx == null) {
            return; // a retransmission the transaction layer already answers
        }
        try {
            URI target = request.getRequestURI();
            String dialled = dialled(target);
            if (dialled == null) {
                send(tx, response(Response.UNSUPPORTED_URI_SCHEME, request));
                return;
            }
            RequireHeader require = (RequireHeader) request.getHeader(RequireHeader.NAME);
            if (require != null && !"timer".equalsIgnoreCase(require.getOptionTag())) {
                Response r = response(Response.BAD_EXTENSION, request);
                r.addHeader(headers.createUnsupportedHeader(require.getOptionTag()));
                send(tx, r);
                return;
            }
            Optional<String> called = hotline.served(dialled);
            if (called.isEmpty()) {
                send(tx, response(Response.NOT_FOUND, request));
                return;
            }
            Sdp offer = null;
            byte[] body = request.getRawContent();
            if (body != null && body.length > 0) {
                ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
                if (type == null || !"application".equalsIgnoreCase(type.getContentType())
                        || !"sdp".equalsIgnoreCase(type.getContentSubType())) {
                    Response r = response(Response.UNSUPPORTED_MEDIA_TYPE, request);
                    r.addHeader(headers.createAcceptHeader("application", "sdp"));
                    send(tx, r);
                    return;
                }
                try {
                    offer = Sdp.parse(body);
                } catch (RuntimeException e) {
                    send(tx, response(Response.BAD_REQUEST, request, "Bad SDP"));
                    return;
                }
                if (offer.g711() < 0) {
                    send(tx, response(Response.NOT_ACCEPTABLE_HERE, request));
                    return;
                }
            }
            long callId = ids.next();
            String sipCallId = callIdOf(request);
            CallerLeg call = new CallerLeg(callId, sipCallId, lanes.laneOf(sipCallId), request, tx,
                    Long.toHexString(callId), transportOf(request), offer);
            send(tx, response(Response.TRYING, request));
            Response ringing = response(Response.RINGING, request);
            ((ToHeader) ringing.getHeader(ToHeader.NAME)).setTag(call.toTag);
            ringing.addHeader(contact(call.transport));
            bySipCallId.put(sipCallId, call);
            byCallId.put(callId, call);
            send(tx, ringing);
            call.dialog = tx.getDialog();
            String caller = callerOf(request);
            String callerE164 = hotline.e164(caller).orElse(caller);
            String region = callerE164.startsWith("+") ? hotline.region(callerE164) : null;
            engine.accept(new Input.CallOffered(callId, callerE164, called.get(), region, Channel.VOICE, Direction.INBOUND));
        } catch (java.text.ParseException e) {
            LOG.warn("cannot build a response to INVITE {}", callIdOf(request), e);
        }
    }

    private void reInvite(RequestEvent event) {
        // hold / unhold from the citizen: accept with our current SDP (media follows the far end's address)
        CallerLeg call = bySipCallId.get(callIdOf(event.getRequest()));
        ServerTransaction tx = serverTransaction(event);
        if (tx == null || call == null) {
            return;
        }
        try {
            Sdp offer = null;
            byte[] body = event.getRequest().getRawContent();
            if (body != null && body.length > 0) {
                offer = Sdp.parse(body);
            }
            Response ok = response(Response.OK, event.getRequest());
            ok.addHeader(contact(call.transport));
            if (offer != null && call.mediaAllocated) {
                int pt = offer.g711();
                int local = media.allocate(call.callId, call.callId, true);
                if (!offer.sendOnlyOrInactive()) {
                    media.connect(call.callId, offer.host(), offer.port(), pt, offer.telephoneEventPt());
                }
                ok.setContent(Sdp.answer(media.host(), local, call.callId, pt, offer.telephoneEventPt(),
                        offer.sendOnlyOrInactive() ? "recvonly" : "sendrecv"), sdpType());
            }
            send(tx, ok);
        } catch (java.text.ParseException | RuntimeException e) {
            send(tx, safeResponse(Response.BAD_REQUEST, event.getRequest()));
        }
    }

    private void ack(RequestEvent event) {
        CallerLeg call = bySipCallId.get(callIdOf(event.getRequest()));
        byte[] body = event.getRequest().getRawContent();
        if (call == null || call.offer != null || body == null || body.length == 0 || !call.mediaAllocated) {
            return;
        }
        // delayed offer: the answer to our offer in the 200 OK arrives with the ACK
        try {
            Sdp answer = Sdp.parse(body);
            media.connect(call.callId, answer.host(), answer.port(), answer.g711(), answer.telephoneEventPt());
        } catch (RuntimeException e) {
            LOG.info("call {}: unusable SDP in ACK, hanging up", call.callId);
            hangUp(call, "bad SDP in ACK");
            engine.accept(new Input.CallerHungUp(call.callId, "bad SDP"));
        }
    }

    private void bye(RequestEvent event) {
        CallerLeg call = bySipCallId.get(callIdOf(event.getRequest()));
        if (call == null) {
            respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        respond(event, Response.OK);
        if (!call.ended) {
            end(call);
            engine.accept(new Input.CallerHungUp(call.callId, "BYE"));
        }
    }

    private void cancel(RequestEvent event) {
        CallerLeg call = bySipCallId.get(callIdOf(event.getRequest()));
        if (call == null) {
            respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        respond(event, Response.OK);
        if (!call.ended && !call.answered) {
            send(call.inviteTx, safeResponse(Response.REQUEST_TERMINATED, call.invite));
            end(call);
            engine.accept(new Input.CallerHungUp(call.callId, "CANCEL"));
        }
    }

    // ---------------------------------------------------------------- commands (lane thread)

    private void answer(CallerLeg call) {
        if (call.answered) {
            return;
        }
        try {
            int local = media.allocate(call.callId, call.callId, true);
            call.mediaAllocated = true;
            String sdp;
            if (call.offer != null) {
                int pt = call.offer.g711();
                media.connect(call.callId, call.offer.host(), call.offer.port(), pt, call.offer.telephoneEventPt());
                sdp = Sdp.answer(media.host(), local, call.callId, pt, call.offer.telephoneEventPt(), "sendrecv");
            } else {
                sdp = Sdp.offer(media.host(), local, call.callId, "sendrecv");
            }
            Response ok = response(Response.OK, call.invite);
            ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(call.toTag);
            ok.addHeader(contact(call.transport));
            ok.setContent(sdp, sdpType());
            call.answered = true;
            send(call.inviteTx, ok);
        } catch (java.text.ParseException | RuntimeException e) {
            LOG.warn("call {}: cannot answer", call.callId, e);
            hangUp(call, "cannot answer");
            engine.accept(new Input.CallerHungUp(call.callId, "answer failed"));
        }
    }

    private void hangUp(CallerLeg call, String reason) {
        if (call.ended) {
            return;
        }
        if (!call.answered) {
            send(call.inviteTx, safeResponse(Response.TEMPORARILY_UNAVAILABLE, call.invite));
        } else {
            Dialog dialog = call.dialog != null ? call.dialog : call.inviteTx.getDialog();
            try {
                Request bye = dialog.createRequest(Request.BYE);
                ClientTransaction ct = provider.getNewClientTransaction(bye);
                dialog.sendRequest(ct);
            } catch (SipException | RuntimeException e) {
                LOG.info("call {}: BYE not sent ({})", call.callId, e.getMessage());
            }
        }
        end(call);
    }

    private void end(CallerLeg call) {
        call.ended = true;
        bySipCallId.remove(call.sipCallId);
        byCallId.remove(call.callId);
        if (call.mediaAllocated) {
            call.mediaAllocated = false;
            media.release(call.callId);
        }
    }

    // ---------------------------------------------------------------- helpers

    private ServerTransaction serverTransaction(RequestEvent event) {
        ServerTransaction tx = event.getServerTransaction();
        if (tx != null) {
            return tx;
        }
        try {
            return provider.getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException e) {
            return null;
        } catch (TransactionUnavailableException e) {
            LOG.debug("no transaction for {}: {}", event.getRequest().getMethod(), e.getMessage());
            return null;
        }
    }

    /** Answers a request with a final status, statefully when a transaction can be had, else statelessly. */
    private void respond(RequestEvent event, int status) {
        Request request = event.getRequest();
        Response response = safeResponse(status, request);
        if (response == null) {
            return;
        }
        if (status == Response.METHOD_NOT_ALLOWED || status == Response.OK && Request.OPTIONS.equals(request.getMethod())) {
            try {
                response.addHeader(headers.createAllowHeader(ALLOW));
            } catch (java.text.ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        ServerTransaction tx = serverTransaction(event);
        if (tx != null) {
            send(tx, response);
        } else {
            try {
                provider.sendResponse(response);
            } catch (SipException e) {
                LOG.debug("stateless {} not sent: {}", status, e.getMessage());
            }
        }
    }

    private Response response(int status, Request request) throws java.text.ParseException {
        return messages.createResponse(status, request);
    }

    private Response response(int status, Request request, String reason) throws java.text.ParseException {
        Response r = messages.createResponse(status, request);
        r.setReasonPhrase(reason);
        return r;
    }

    private Response safeResponse(int status, Request request) {
        try {
            return messages.createResponse(status, request);
        } catch (java.text.ParseException e) {
            LOG.debug("cannot build {} for {}", status, request.getMethod());
            return null;
        }
    }

    private void send(ServerTransaction tx, Response response) {
        if (response == null) {
            return;
        }
        try {
            tx.sendResponse(response);
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("{} not sent: {}", response.getStatusCode(), e.getMessage());
        }
    }

    private ContentTypeHeader sdpType() throws java.text.ParseException {
        return headers.createContentTypeHeader("application", "sdp");
    }

    private ContactHeader contact(String transport) throws java.text.ParseException {
        SipURI uri = addresses.createSipURI("ekc", config.sip().host());
        uri.setPort(port);
        if (!"udp".equalsIgnoreCase(transport)) {
            uri.setTransportParam(transport.toLowerCase());
        }
        Address address = addresses.createAddress(uri);
        return headers.createContactHeader(address);
    }

    /** The number dialled: the user part of a sip/sips URI, or a tel URL's number; null for other schemes. */
    private static String dialled(URI uri) {
        if (uri instanceof SipURI sip) {
            String user = sip.getUser();
            return user != null ? user : "";
        }
        if (uri instanceof TelURL tel) {
            return (tel.isGlobal() ? "+" : "") + tel.getPhoneNumber();
        }
        return null;
    }

    private static String callerOf(Request request) {
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        URI uri = from.getAddress().getURI();
        String user = dialled(uri);
        return user != null && !user.isEmpty() ? user : "anonymous";
    }

    private static String callIdOf(javax.sip.message.Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }

    private static String transportOf(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via != null && via.getTransport() != null ? via.getTransport() : "udp";
    }

    private int laneOf(javax.sip.message.Message message) {
        String sipCallId = callIdOf(message);
        CallerLeg call = bySipCallId.get(sipCallId);
        return call != null ? call.lane : lanes.laneOf(sipCallId);
    }

    /** JAIN-SIP's callbacks; stack threads. Everything is handed to the message's lane. */
    private final class Listener implements SipListener {

        @Override
        public void processRequest(RequestEvent event) {
            CallIdHeader cid = (CallIdHeader) event.getRequest().getHeader(CallIdHeader.NAME);
            if (cid == null) {
                return; // the parser lets nothing without a Call-ID through; be safe anyway
            }
            if (!lanes.run(laneOf(event.getRequest()), () -> onRequest(event))) {
                Response busy = safeResponse(Response.SERVICE_UNAVAILABLE, event.getRequest());
                if (busy != null && !Request.ACK.equals(event.getRequest().getMethod())) {
                    try {
                        provider.sendResponse(busy);
                    } catch (SipException e) {
                        LOG.debug("503 not sent: {}", e.getMessage());
                    }
                }
            }
        }

        @Override
        public void processResponse(ResponseEvent event) {
            // responses to our BYEs need nothing more
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
            LOG.debug("SIP transaction timed out");
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
            // calls are ended by BYE, CANCEL or HangUp; the dialog's end needs nothing more
        }
    }

    @Override
    public void close() {
        if (lanes != null) {
            lanes.close();
        }
        stopStack();
        for (CallerLeg call : byCallId.values()) {
            if (call.mediaAllocated) {
                media.release(call.callId);
            }
        }
        byCallId.clear();
        bySipCallId.clear();
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
            stack.stop();
        }
        stack = null;
        provider = null;
    }
}
