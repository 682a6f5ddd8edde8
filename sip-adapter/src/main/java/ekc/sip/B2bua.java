package ekc.sip;

import ekc.config.EkcConfig;
import ekc.config.SipConfig;
import ekc.engine.CallIds;
import ekc.engine.Channel;
import ekc.engine.Command;
import ekc.engine.Direction;
import ekc.engine.Input;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls: the citizen's leg from the trunk, the legs EKC places to operators' phones (B2BUA)
 * and, for call-backs, to the citizen through the trunk. Every method runs on the call's lane
 * (see {@link Lanes}), except {@link #leg} and {@link #find}, which read the concurrent maps.
 */
final class B2bua {

    private static final Logger LOG = LoggerFactory.getLogger(B2bua.class);
    /** Operators' and call-back legs have media leg ids with this bit set; a caller's leg id is the call id. */
    static final long AGENT_LEG = 1L << 62;

    private final EkcConfig config;
    private final SipConfig sip;
    private final Wire wire;
    private final Consumer<Input> engine;
    private final MediaPorts media;
    private final CallIds ids;
    private final Hotline hotline;
    private final Registrar registrar;
    private final TransferCodes transfers;
    private final TollGuard toll;
    private final Lanes lanes;
    private final ScheduledExecutorService timer;
    private final AtomicLong legIds = new AtomicLong();

    /** Every leg by its SIP Call-ID. */
    private final Map<String, Leg> legs = new ConcurrentHashMap<>();
    private final Map<Long, CallerLeg> calls = new ConcurrentHashMap<>();
    /** Operators' legs by {@code callId/agentId}, for {@link SipAdapter#agentLeg}. */
    private final Map<String, OutLeg> agentLegs = new ConcurrentHashMap<>();

    B2bua(EkcConfig config, Wire wire, Consumer<Input> engine, MediaPorts media, CallIds ids, Registrar registrar,
          Lanes lanes, ScheduledExecutorService timer) {
        this.config = config;
        this.sip = config.sip();
        this.wire = wire;
        this.engine = engine;
        this.media = media;
        this.ids = ids;
        this.hotline = new Hotline(config);
        this.registrar = registrar;
        this.transfers = new TransferCodes(sip.transfers());
        this.toll = new TollGuard(sip, config.hotline().defaultRegion());
        this.lanes = lanes;
        this.timer = timer;
    }

    // ---------------------------------------------------------------- lookups (any thread)

    Leg leg(String sipCallId) {
        return legs.get(sipCallId);
    }

    CallerLeg find(long callId) {
        return calls.get(callId);
    }

    long agentLeg(long callId, String agentId) {
        OutLeg leg = agentLegs.get(callId + "/" + agentId);
        return leg != null ? leg.legId : -1;
    }

    int activeCalls() {
        return calls.size();
    }

    // ---------------------------------------------------------------- commands

    /** A call-back has no call yet: make one, on the lane its id hashes to. */
    CallerLeg callback(long callId) {
        return calls.computeIfAbsent(callId, id -> new CallerLeg(id, "callback-" + id,
                lanes.laneOf(Long.toString(id)), null, null, null, sip.trunk().transport(), null, null));
    }

    void command(CallerLeg call, Command command) {
        if (call.ended) {
            return;
        }
        if (command instanceof Command.AnswerCall) {
            answer(call);
        } else if (command instanceof Command.HangUp h) {
            hangUp(call, h.reason());
        } else if (command instanceof Command.RingAgent r) {
            ringAgent(call, r.agentId(), false);
        } else if (command instanceof Command.CancelAgent c) {
            OutLeg leg = call.agents.get(c.agentId());
            if (leg != null) {
                endOutLeg(leg);
            }
        } else if (command instanceof Command.ReleaseAgent r) {
            OutLeg leg = call.agents.get(r.agentId());
            if (leg != null) {
                endOutLeg(leg);
            }
        } else if (command instanceof Command.DialCitizen d) {
            dialCitizen(call, d);
        }
    }

    // ---------------------------------------------------------------- requests

    void request(RequestEvent event) {
        Request request = event.getRequest();
        Leg leg = legs.get(Wire.callIdOf(request));
        switch (request.getMethod()) {
            case Request.INVITE -> {
                if (leg != null) {
                    reInvite(event, leg);
                } else {
                    invite(event);
                }
            }
            case Request.ACK -> ack(event, leg);
            case Request.BYE -> bye(event, leg);
            case Request.CANCEL -> cancel(event, leg);
            case Request.OPTIONS -> wire.respond(event, Response.OK);
            case Request.REFER -> refer(event, leg);
            case Request.INFO -> info(event, leg);
            case Request.NOTIFY -> wire.respond(event, leg != null ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            case Request.UPDATE, Request.PRACK -> wire.respond(event, leg != null ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            case Request.SUBSCRIBE, Request.MESSAGE, Request.PUBLISH -> wire.respond(event, Response.METHOD_NOT_ALLOWED);
            default -> wire.respond(event, Response.NOT_IMPLEMENTED);
        }
    }

    private void invite(RequestEvent event) {
        Request request = event.getRequest();
        ServerTransaction tx = wire.serverTransaction(event);
        if (tx == null) {
            return; // a retransmission the transaction layer already answers
        }
        // at once, before any lookup: a retransmitted INVITE then gets this back, not silence
        wire.send(tx, wire.response(Response.TRYING, request));
        String dialled = dialled(request.getRequestURI());
        if (dialled == null) {
            wire.send(tx, wire.response(Response.UNSUPPORTED_URI_SCHEME, request));
            return;
        }
        RequireHeader require = (RequireHeader) request.getHeader(RequireHeader.NAME);
        if (require != null && !"timer".equalsIgnoreCase(require.getOptionTag())) {
            Response r = wire.response(Response.BAD_EXTENSION, request);
            try {
                r.addHeader(wire.headers.createUnsupportedHeader(require.getOptionTag()));
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
            wire.send(tx, r);
            return;
        }
        Optional<String> called = hotline.served(dialled);
        if (called.isEmpty()) {
            wire.send(tx, wire.response(Response.NOT_FOUND, request));
            return;
        }
        Sdp offer = null;
        byte[] body = request.getRawContent();
        if (body != null && body.length > 0) {
            if (!isSdp(request)) {
                Response r = wire.response(Response.UNSUPPORTED_MEDIA_TYPE, request);
                try {
                    r.addHeader(wire.headers.createAcceptHeader("application", "sdp"));
                } catch (ParseException e) {
                    throw new IllegalStateException(e);
                }
                wire.send(tx, r);
                return;
            }
            try {
                offer = Sdp.parse(body);
            } catch (RuntimeException e) {
                wire.send(tx, wire.response(Response.BAD_REQUEST, request));
                return;
            }
            if (offer.g711() < 0) {
                wire.send(tx, wire.response(Response.NOT_ACCEPTABLE_HERE, request));
                return;
            }
        }
        if (calls.size() >= sip.limits().maxCalls()) {
            wire.send(tx, wire.response(Response.SERVICE_UNAVAILABLE, request));
            return;
        }
        String caller = callerOf(request);
        String callerE164 = hotline.e164(caller).orElse(caller);
        String region = callerE164.startsWith("+") ? hotline.region(callerE164) : null;
        long callId = ids.next();
        String sipCallId = Wire.callIdOf(request);
        CallerLeg call = new CallerLeg(callId, sipCallId, lanes.laneOf(sipCallId), request, tx,
                Long.toHexString(callId), Wire.transportOf(request), offer, region);
        Response ringing = wire.response(Response.RINGING, request);
        try {
            ((ToHeader) ringing.getHeader(ToHeader.NAME)).setTag(call.toTag);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        ringing.addHeader(wire.contact(call.transport));
        legs.put(sipCallId, call);
        calls.put(callId, call);
        wire.send(tx, ringing);
        call.dialog = tx.getDialog();
        engine.accept(new Input.CallOffered(callId, callerE164, called.get(), region, Channel.VOICE, Direction.INBOUND));
    }

    private void ack(RequestEvent event, Leg leg) {
        if (!(leg instanceof CallerLeg call) || !call.mediaAllocated || call.mediaConnected) {
            return;
        }
        if (call.offer != null) {
            // the call is confirmed: now media may stream (prompts waiting for it start here)
            connectCaller(call, call.offer.host(), call.offer.port());
            return;
        }
        byte[] body = event.getRequest().getRawContent();
        if (body == null || body.length == 0) {
            return;
        }
        // delayed offer: the answer to our offer in the 200 OK arrives with the ACK
        try {
            Sdp answer = Sdp.parse(body);
            call.payloadType = answer.g711();
            call.telephoneEvent = answer.telephoneEventPt();
            connectCaller(call, answer.host(), answer.port());
        } catch (RuntimeException e) {
            LOG.info("call {}: unusable SDP in ACK, hanging up", call.callId);
            hangUp(call, "bad SDP in ACK");
            engine.accept(new Input.CallerHungUp(call.callId, "bad SDP"));
        }
    }

    private void bye(RequestEvent event, Leg leg) {
        if (leg == null) {
            wire.respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        wire.respond(event, Response.OK);
        if (leg instanceof CallerLeg call) {
            if (!call.ended) {
                endCall(call);
                engine.accept(new Input.CallerHungUp(call.callId, "BYE"));
            }
        } else if (leg instanceof OutLeg out && out.live()) {
            out.state = OutLeg.State.ENDED;
            forget(out);
            if (out.agentId != null) {
                engine.accept(new Input.AgentHungUp(out.call.callId, out.agentId));
            } else {
                endCall(out.call); // the citizen hung up a call-back
                engine.accept(new Input.CallerHungUp(out.call.callId, "BYE"));
            }
        }
    }

    private void cancel(RequestEvent event, Leg leg) {
        if (!(leg instanceof CallerLeg call) || call.invite == null) {
            wire.respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        wire.respond(event, Response.OK);
        if (!call.ended && !call.answered) {
            wire.send(call.inviteTx, wire.response(Response.REQUEST_TERMINATED, call.invite));
            endCall(call);
            engine.accept(new Input.CallerHungUp(call.callId, "CANCEL"));
        }
    }

    /** Hold / unhold (or a new address) from either side: answered here, passed on to the other side. */
    private void reInvite(RequestEvent event, Leg leg) {
        ServerTransaction tx = wire.serverTransaction(event);
        if (tx == null) {
            return;
        }
        Request request = event.getRequest();
        CallerLeg call = leg.call();
        try {
            byte[] body = request.getRawContent();
            Sdp offer = body != null && body.length > 0 ? Sdp.parse(body) : null;
            Response ok = wire.response(Response.OK, request);
            ok.addHeader(wire.contact(Wire.transportOf(request)));
            String direction = offer == null ? "sendrecv" : offer.direction();
            if (leg instanceof CallerLeg c && c.mediaAllocated) {
                if (offer != null) {
                    c.payloadType = offer.g711() >= 0 ? offer.g711() : c.payloadType;
                    c.mediaConnected = true;
                    media.connect(c.callId, offer.host(), offer.port(), c.payloadType, offer.telephoneEventPt());
                }
                ok.setContent(Sdp.answer(media.host(), c.localPort, c.callId, c.payloadType, c.telephoneEvent,
                        Sdp.mirror(direction)), wire.sdpType());
            } else if (leg instanceof OutLeg o && o.mediaAllocated) {
                int pt = offer != null && offer.g711() >= 0 ? offer.g711() : Sdp.PCMU;
                if (offer != null) {
                    media.connect(o.legId, offer.host(), offer.port(), pt, offer.telephoneEventPt());
                }
                ok.setContent(Sdp.answer(media.host(), o.localPort, o.legId, pt,
                        offer != null ? offer.telephoneEventPt() : -1, Sdp.mirror(direction)), wire.sdpType());
            }
            wire.send(tx, ok);
            // pass hold / unhold on to the other party
            if (leg instanceof OutLeg o && o.agentId != null) {
                if (call.invite != null && call.answered) {
                    reInviteCaller(call, direction);
                } else if (call.citizen != null && call.citizen.state == OutLeg.State.ANSWERED) {
                    reInviteOut(call.citizen, direction);
                }
            } else {
                for (OutLeg a : call.agents.values()) {
                    if (a.state == OutLeg.State.ANSWERED) {
                        reInviteOut(a, direction);
                    }
                }
            }
        } catch (ParseException | RuntimeException e) {
            wire.send(tx, wire.response(Response.BAD_REQUEST, request));
        }
    }

    private void reInviteCaller(CallerLeg call, String direction) {
        sendReInvite(call.dialog, Sdp.answer(media.host(), call.localPort, call.callId, call.payloadType,
                call.telephoneEvent, direction), call.transport);
    }

    private void reInviteOut(OutLeg leg, String direction) {
        sendReInvite(leg.dialog, Sdp.offer(media.host(), leg.localPort, leg.legId, direction), null);
    }

    private void sendReInvite(Dialog dialog, String sdp, String transport) {
        if (dialog == null) {
            return;
        }
        try {
            Request re = dialog.createRequest(Request.INVITE);
            if (re.getHeader(javax.sip.header.ContactHeader.NAME) == null) {
                re.addHeader(wire.contact(transport));
            }
            re.setContent(sdp, wire.sdpType());
            ClientTransaction ct = wire.provider.getNewClientTransaction(re);
            dialog.sendRequest(ct);
        } catch (SipException | ParseException | RuntimeException e) {
            LOG.info("re-INVITE not sent: {}", e.getMessage());
        }
    }

    /** REFER from an operator's phone to a transfer service code. */
    private void refer(RequestEvent event, Leg leg) {
        if (!(leg instanceof OutLeg out) || out.agentId == null || out.state != OutLeg.State.ANSWERED) {
            wire.respond(event, Response.FORBIDDEN); // only operators transfer, and only their own calls
            return;
        }
        Request request = event.getRequest();
        javax.sip.header.ReferToHeader referTo = (javax.sip.header.ReferToHeader) request.getHeader(javax.sip.header.ReferToHeader.NAME);
        String code = referTo == null ? null : dialled(referTo.getAddress().getURI());
        Optional<String> target = transfers.target(code, out.call.region);
        if (target.isEmpty()) {
            LOG.info("call {}: operator {} referred to '{}', which is no transfer code: refused", out.call.callId, out.agentId, code);
            wire.respond(event, Response.FORBIDDEN);
            return;
        }
        wire.respond(event, Response.ACCEPTED);
        engine.accept(new Input.TransferRequested(out.call.callId, out.agentId, target.get()));
        notifyReferDone(out.dialog);
    }

    private void notifyReferDone(Dialog dialog) {
        try {
            Request notify = dialog.createRequest(Request.NOTIFY);
            notify.addHeader(wire.headers.createEventHeader("refer"));
            notify.addHeader(wire.headers.createSubscriptionStateHeader("terminated;reason=noresource"));
            notify.setContent("SIP/2.0 200 OK\r\n", wire.headers.createContentTypeHeader("message", "sipfrag"));
            dialog.sendRequest(wire.provider.getNewClientTransaction(notify));
        } catch (SipException | ParseException | RuntimeException e) {
            LOG.debug("NOTIFY for REFER not sent: {}", e.getMessage());
        }
    }

    /** DTMF as SIP INFO: the caller's digits go to the engine; an operator's may spell a transfer code. */
    private void info(RequestEvent event, Leg leg) {
        if (leg == null) {
            wire.respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        wire.respond(event, Response.OK);
        byte[] body = event.getRequest().getRawContent();
        char digit = dtmfOf(body);
        if (digit == 0) {
            return;
        }
        if (leg instanceof OutLeg out && out.agentId != null) {
            agentDigit(out, digit);
        } else if (leg instanceof CallerLeg call) {
            engine.accept(new Input.DtmfDigit(call.callId, digit));
        } else if (leg instanceof OutLeg out) {
            engine.accept(new Input.DtmfDigit(out.call.callId, digit));
        }
    }

    /** A digit from an operator's phone (SIP INFO here, or RFC 4733 that media heard). */
    void agentDigit(CallerLeg call, String agentId, char digit) {
        OutLeg leg = call.agents.get(agentId);
        if (leg != null) {
            agentDigit(leg, digit);
        }
    }

    private void agentDigit(OutLeg leg, char digit) {
        if (digit == '#') {
            String code = leg.digits.toString();
            leg.digits.setLength(0);
            transfers.target(code, leg.call.region).ifPresent(
                    t -> engine.accept(new Input.TransferRequested(leg.call.callId, leg.agentId, t)));
            return;
        }
        leg.digits.append(digit);
        if (!transfers.couldBecomeCode(leg.digits.toString())) {
            leg.digits.setLength(0);
            if (transfers.couldBecomeCode(String.valueOf(digit))) {
                leg.digits.append(digit);
            }
        }
    }

    static char dtmfOf(byte[] body) {
        if (body == null) {
            return 0;
        }
        String text = new String(body, StandardCharsets.US_ASCII).strip();
        for (String line : text.split("\r?\n")) {
            String l = line.strip();
            if (l.regionMatches(true, 0, "Signal=", 0, 7)) {
                l = l.substring(7).strip();
            } else if (text.contains("=")) {
                continue;
            }
            if (l.length() == 1 && "0123456789*#ABCD".indexOf(Character.toUpperCase(l.charAt(0))) >= 0) {
                return Character.toUpperCase(l.charAt(0));
            }
            if (l.equals("10")) {
                return '*';
            }
            if (l.equals("11")) {
                return '#';
            }
        }
        return 0;
    }

    // ---------------------------------------------------------------- responses and timeouts

    void response(ResponseEvent event) {
        Response response = event.getResponse();
        Leg leg = legs.get(Wire.callIdOf(response));
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (cseq == null || !Request.INVITE.equals(cseq.getMethod())) {
            return; // BYE, CANCEL, NOTIFY answers need nothing
        }
        int status = response.getStatusCode();
        if (status >= 200 && status < 300 && event.getDialog() != null) {
            ack(event.getDialog(), cseq.getSeqNumber());
        }
        if (!(leg instanceof OutLeg out) || cseq.getSeqNumber() != 1 || status < 200) {
            return; // provisional, or the answer to a re-INVITE we relayed
        }
        if (status >= 300) {
            outLegFailed(out, status + " " + response.getReasonPhrase());
            return;
        }
        if (out.state != OutLeg.State.RINGING) {
            // answered after we cancelled (the 200 crossed our CANCEL): end it at once
            out.dialog = event.getDialog();
            bye(out);
            return;
        }
        out.dialog = event.getDialog();
        cancelTimer(out);
        try {
            Sdp answer = Sdp.parse(response.getRawContent() != null ? response.getRawContent() : new byte[0]);
            media.connect(out.legId, answer.host(), answer.port(), answer.g711() >= 0 ? answer.g711() : Sdp.PCMU,
                    answer.telephoneEventPt());
        } catch (RuntimeException e) {
            LOG.info("call {}: unusable SDP from {}: {}", out.call.callId, out.agentId != null ? "agent " + out.agentId : "citizen", e.getMessage());
            bye(out);
            outLegFailed(out, "bad SDP");
            return;
        }
        out.state = OutLeg.State.ANSWERED;
        if (out.agentId != null) {
            if (out.call.invite == null && out.call.citizen == null && out.call.pendingCitizen != null) {
                dialOut(out.call, out); // a call-back: the operator is on; now the citizen
            } else {
                engine.accept(new Input.AgentAnswered(out.call.callId, out.agentId));
            }
        } else {
            // the citizen answered a call-back: both are on, the engine bridges them
            OutLeg agent = out.call.agents.values().stream().filter(a -> a.state == OutLeg.State.ANSWERED).findFirst().orElse(null);
            if (agent != null) {
                engine.accept(new Input.AgentAnswered(out.call.callId, agent.agentId));
            }
        }
    }

    void timeout(TimeoutEvent event) {
        if (event.isServerTransaction() || event.getClientTransaction() == null) {
            return;
        }
        Request request = event.getClientTransaction().getRequest();
        Leg leg = legs.get(Wire.callIdOf(request));
        if (leg instanceof OutLeg out && Request.INVITE.equals(request.getMethod()) && out.state == OutLeg.State.RINGING) {
            outLegFailed(out, "unreachable");
        }
    }

    private void outLegFailed(OutLeg out, String cause) {
        boolean wasRinging = out.state == OutLeg.State.RINGING;
        cancelTimer(out);
        out.state = OutLeg.State.ENDED;
        forget(out);
        if (!wasRinging) {
            return; // we cancelled it: the engine already knows
        }
        CallerLeg call = out.call;
        if (out.agentId != null) {
            engine.accept(new Input.AgentRejected(call.callId, out.agentId, cause));
            if (call.invite == null && call.citizen == null) {
                endCall(call); // a call-back whose operator did not take it
            }
        } else {
            endCall(call); // the citizen did not answer a call-back
            engine.accept(new Input.CallerHungUp(call.callId, cause));
        }
    }

    // ---------------------------------------------------------------- the citizen's leg

    private void answer(CallerLeg call) {
        if (call.answered || call.invite == null) {
            return;
        }
        try {
            call.localPort = media.allocate(call.callId, call.callId, true);
            call.mediaAllocated = true;
            String sdp;
            if (call.offer != null) {
                // Media is connected on the ACK, not here: a prompt streamed from the 200 OK would run for as long
                // as the ACK and BYE wait in a backlog — under overload thousands of answered calls streaming 50
                // packets/s each, starving SIP and keeping the backlog (BENCHMARKS.md, SIP, 2026-12-01).
                call.payloadType = call.offer.g711();
                call.telephoneEvent = call.offer.telephoneEventPt();
                sdp = Sdp.answer(media.host(), call.localPort, call.callId, call.payloadType, call.telephoneEvent, "sendrecv");
            } else {
                sdp = Sdp.offer(media.host(), call.localPort, call.callId, "sendrecv");
            }
            Response ok = wire.response(Response.OK, call.invite);
            ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(call.toTag);
            ok.addHeader(wire.contact(call.transport));
            ok.setContent(sdp, wire.sdpType());
            call.answered = true;
            wire.send(call.inviteTx, ok);
        } catch (ParseException | RuntimeException e) {
            LOG.warn("call {}: cannot answer", call.callId, e);
            hangUp(call, "cannot answer");
            engine.accept(new Input.CallerHungUp(call.callId, "answer failed"));
        }
    }

    /** The caller's media goes to this address from now on, with the payload types already chosen. */
    private void connectCaller(CallerLeg call, String host, int port) {
        call.mediaConnected = true;
        media.connect(call.callId, host, port, call.payloadType, call.telephoneEvent);
    }

    /**
     * JAIN-SIP ended a dialog. An answered call still live here never got its ACK (the stack gives up after
     * 64·T1): it never had media, so nothing would ever end it — it is hung up.
     */
    void dialogTerminated(Dialog dialog) {
        Leg leg = legs.get(dialog.getCallId().getCallId());
        if (leg instanceof CallerLeg call && call.invite != null && call.answered && !call.ended
                && !call.mediaConnected) {
            LOG.info("call {}: no ACK for our 200 OK, hanging up", call.callId);
            hangUp(call, "no ACK");
            engine.accept(new Input.CallerHungUp(call.callId, "no ACK"));
        }
    }

    private void hangUp(CallerLeg call, String reason) {
        if (call.ended) {
            return;
        }
        if (call.invite != null) {
            if (!call.answered) {
                wire.send(call.inviteTx, wire.response(Response.TEMPORARILY_UNAVAILABLE, call.invite));
            } else {
                Dialog dialog = call.dialog != null ? call.dialog : call.inviteTx.getDialog();
                sendBye(dialog, call.callId);
            }
        }
        LOG.debug("call {}: hung up ({})", call.callId, reason);
        endCall(call);
    }

    /** The call is over: every other leg ends too (CANCEL while ringing, BYE once answered). */
    private void endCall(CallerLeg call) {
        call.ended = true;
        legs.remove(call.sipCallId);
        calls.remove(call.callId);
        if (call.mediaAllocated) {
            call.mediaAllocated = false;
            media.release(call.callId);
        }
        for (OutLeg leg : new ArrayList<>(call.agents.values())) {
            endOutLeg(leg);
        }
        if (call.citizen != null) {
            endOutLeg(call.citizen);
        }
    }

    // ---------------------------------------------------------------- legs EKC places

    /** Rings an operator's registered phone; {@code callback}: the first leg of a call-back. */
    private void ringAgent(CallerLeg call, String agentId, boolean callback) {
        OutLeg existing = call.agents.get(agentId);
        if (existing != null && existing.live()) {
            return; // already ringing or talking
        }
        Optional<Registrar.Binding> binding = registrar.contactOf(agentId);
        if (binding.isEmpty()) {
            // only operators' registered phones are ever called, whatever the command says
            engine.accept(new Input.AgentRejected(call.callId, agentId, "not registered"));
            return;
        }
        String callerNumber = call.invite != null ? callerOf(call.invite) : sip.trunk().callerId();
        OutLeg leg = place(call, agentId, binding.get().contact(), callerNumber, "card " + call.callId);
        if (leg == null) {
            engine.accept(new Input.AgentRejected(call.callId, agentId, "cannot call the phone"));
            if (callback) {
                endCall(call);
            }
            return;
        }
        leg.ringTimeout = timer.schedule(() -> lanes.run(call.lane, () -> {
            if (leg.state == OutLeg.State.RINGING) {
                endOutLeg(leg);
                leg.state = OutLeg.State.ENDED;
                engine.accept(new Input.AgentRejected(call.callId, agentId, "no answer"));
                if (call.invite == null && call.citizen == null) {
                    endCall(call);
                }
            }
        }), sip.agentRingSeconds(), TimeUnit.SECONDS);
    }

    private void dialCitizen(CallerLeg call, Command.DialCitizen d) {
        Optional<String> number = toll.permit(d.number());
        if (number.isEmpty() || sip.trunk().gateway() == null) {
            String why = number.isEmpty() ? "destination not allowed" : "no outbound gateway configured";
            LOG.warn("call {}: call-back to {} refused: {}", call.callId, mask(d.number()), why);
            endCall(call);
            engine.accept(new Input.CallerHungUp(call.callId, why));
            return;
        }
        call.pendingCitizen = number.get();
        ringAgent(call, d.agentId(), true);
    }

    /** The operator of a call-back answered: now call the citizen through the trunk. */
    private void dialOut(CallerLeg call, OutLeg agent) {
        String gateway = sip.trunk().gateway();
        String target = "sip:" + call.pendingCitizen + "@" + gateway + ";user=phone"
                + ("tcp".equals(sip.trunk().transport()) ? ";transport=tcp" : "");
        OutLeg leg = place(call, null, target, sip.trunk().callerId(), null);
        if (leg == null) {
            bye(agent);
            endCall(call);
            engine.accept(new Input.CallerHungUp(call.callId, "cannot reach the gateway"));
        }
    }

    /** Sends an INVITE with our SDP offer; the leg is known by its Call-ID before the first response. */
    private OutLeg place(CallerLeg call, String agentId, String target, String fromUser, String subject) {
        long legId = agentId != null ? AGENT_LEG | legIds.incrementAndGet() : call.callId;
        OutLeg leg = null;
        try {
            URI uri = wire.addresses.createURI(target);
            String transport = uri instanceof SipURI s && s.getTransportParam() != null ? s.getTransportParam().toLowerCase() : "udp";
            CallIdHeader callIdHeader = wire.provider.getNewCallId();
            leg = new OutLeg(call, agentId, legId, callIdHeader.getCallId());
            leg.localPort = media.allocate(legId, call.callId, agentId == null);
            leg.mediaAllocated = true;
            Address from = wire.addresses.createAddress(wire.uri(fromUser != null ? fromUser : "ekc"));
            Address to = wire.addresses.createAddress(uri);
            List<ViaHeader> vias = new ArrayList<>();
            vias.add(wire.headers.createViaHeader(wire.host, wire.port, transport, null));
            Request invite = wire.messages.createRequest(uri, Request.INVITE, callIdHeader,
                    wire.headers.createCSeqHeader(1L, Request.INVITE),
                    wire.headers.createFromHeader(from, Long.toHexString(legId ^ call.callId)),
                    wire.headers.createToHeader(to, null), vias, wire.headers.createMaxForwardsHeader(70));
            invite.addHeader(wire.contact(transport));
            if (subject != null) {
                invite.addHeader(wire.headers.createSubjectHeader(subject));
            }
            invite.setContent(Sdp.offer(media.host(), leg.localPort, legId, "sendrecv"), wire.sdpType());
            legs.put(leg.sipCallId, leg);
            if (agentId != null) {
                call.agents.put(agentId, leg);
                agentLegs.put(call.callId + "/" + agentId, leg);
            } else {
                call.citizen = leg;
            }
            leg.invite = wire.provider.getNewClientTransaction(invite);
            leg.dialog = leg.invite.getDialog();
            leg.invite.sendRequest();
            return leg;
        } catch (ParseException | SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
            LOG.warn("call {}: cannot place a leg to {}: {}", call.callId, agentId != null ? "agent " + agentId : "citizen", e.getMessage());
            if (leg != null) {
                leg.state = OutLeg.State.ENDED;
                forget(leg);
            }
            return null;
        }
    }

    /** Ends a leg EKC placed: CANCEL while it rings, BYE once answered. */
    private void endOutLeg(OutLeg leg) {
        cancelTimer(leg);
        if (leg.state == OutLeg.State.RINGING) {
            leg.state = OutLeg.State.CANCELLED;
            try {
                Request cancel = leg.invite.createCancel();
                wire.provider.getNewClientTransaction(cancel).sendRequest();
            } catch (SipException | RuntimeException e) {
                LOG.debug("CANCEL not sent: {}", e.getMessage());
            }
            releaseMedia(leg);
            // the leg stays findable until its final response, so a 200 that crosses the CANCEL gets a BYE
        } else if (leg.state == OutLeg.State.ANSWERED) {
            bye(leg);
            leg.state = OutLeg.State.ENDED;
            forget(leg);
        }
    }

    private void bye(OutLeg leg) {
        sendBye(leg.dialog, leg.call.callId);
        leg.state = OutLeg.State.ENDED;
        forget(leg);
    }

    private void forget(OutLeg leg) {
        legs.remove(leg.sipCallId, leg);
        if (leg.agentId != null) {
            agentLegs.remove(leg.call.callId + "/" + leg.agentId, leg);
        }
        releaseMedia(leg);
    }

    private void releaseMedia(OutLeg leg) {
        if (leg.mediaAllocated) {
            leg.mediaAllocated = false;
            media.release(leg.legId);
        }
    }

    private static void cancelTimer(OutLeg leg) {
        if (leg.ringTimeout != null) {
            leg.ringTimeout.cancel(false);
            leg.ringTimeout = null;
        }
    }

    // ---------------------------------------------------------------- helpers

    private void sendBye(Dialog dialog, long callId) {
        if (dialog == null) {
            return;
        }
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction ct = wire.provider.getNewClientTransaction(bye);
            dialog.sendRequest(ct);
        } catch (SipException | RuntimeException e) {
            LOG.info("call {}: BYE not sent ({})", callId, e.getMessage());
        }
    }

    private void ack(Dialog dialog, long cseq) {
        try {
            dialog.sendAck(dialog.createAck(cseq));
        } catch (SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
            LOG.debug("ACK not sent: {}", e.getMessage());
        }
    }

    private static boolean isSdp(Request request) {
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        return type != null && "application".equalsIgnoreCase(type.getContentType())
                && "sdp".equalsIgnoreCase(type.getContentSubType());
    }

    /** The number dialled: the user part of a sip/sips URI, or a tel URL's number; null for other schemes. */
    static String dialled(URI uri) {
        if (uri instanceof SipURI sipUri) {
            String user = sipUri.getUser();
            return user != null ? user : "";
        }
        if (uri instanceof TelURL tel) {
            return (tel.isGlobal() ? "+" : "") + tel.getPhoneNumber();
        }
        return null;
    }

    private static String callerOf(Request request) {
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        String user = dialled(from.getAddress().getURI());
        return user != null && !user.isEmpty() ? user : "anonymous";
    }

    /** Numbers in logs show only their last two digits (personal data). */
    static String mask(String number) {
        if (number == null || number.length() <= 4) {
            return "***";
        }
        return number.substring(0, 2) + "*".repeat(number.length() - 4) + number.substring(number.length() - 2);
    }

    /** Ends every call (adapter shutdown). */
    void closeAll() {
        for (CallerLeg call : calls.values()) {
            if (call.mediaAllocated) {
                call.mediaAllocated = false;
                media.release(call.callId);
            }
            for (OutLeg leg : call.agents.values()) {
                releaseMedia(leg);
            }
            if (call.citizen != null) {
                releaseMedia(call.citizen);
            }
        }
        calls.clear();
        legs.clear();
        agentLegs.clear();
    }
}
