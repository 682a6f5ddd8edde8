package ekc.media;

import ekc.engine.Input;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call leg's media: its RTP/RTCP sockets, what it sends (prompts, DTMF, relayed audio) and what it
 * receives (jitter buffer → decode → in-band DTMF, VAD → listener, recording, engine events).
 * Runs on its Netty event loop only — every field after construction is touched from that loop; the
 * {@link MediaServer} hands calls over with {@code loop.execute}.
 */
final class Leg {

    private static final Logger LOG = LoggerFactory.getLogger(Leg.class);
    private static final int SAMPLES = Prompt.FRAME;
    /** The reusable send buffer's size: a 60 ms G.711 packet and its header. */
    private static final int OUT_CAPACITY = 12 + 480;
    /** Concealed frames before a gap is played as silence. */
    private static final int MAX_CONCEALED = 3;

    final long legId;
    final long callId;
    final boolean callerLeg;
    final EventLoop loop;
    private final MediaServer server;
    private final MediaServer.LoopClock clock;
    /** The leg's slot in its loop's 20 ms period (set by the clock; -1 before). */
    int slot = -1;

    private int port;
    private Channel rtp;
    private DatagramOut sender;
    private Channel rtcp;
    private boolean closed;

    // Sending
    private InetSocketAddress remote;
    private InetSocketAddress sdpRemote;
    private InetSocketAddress remoteRtcp;
    private boolean latched;
    private int payloadType = -1;
    private int eventPt = -1;
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private int seq = ThreadLocalRandom.current().nextInt(1 << 16);
    private int timestamp = ThreadLocalRandom.current().nextInt();
    private boolean talkspurtStart = true;
    private Playback playback;
    private final ArrayDeque<Character> dtmfToSend = new ArrayDeque<>();
    private DtmfSender dtmfSending;
    private Leg bridged;
    private int relayTsOffset;
    private boolean relayTsSet;

    // Receiving
    private final JitterBuffer jitter = new JitterBuffer();
    /** The frame being played out; and the last one received, kept for concealment (the two are swapped, not copied). */
    private byte[] frame = new byte[SAMPLES];
    private byte[] lastFrame = new byte[SAMPLES];
    private int lastFramePt = -1; // -1: none yet, conceal from silence
    private final short[] pcm = new short[SAMPLES];
    private final byte[] encoded = new byte[SAMPLES];
    private int concealed;
    private final Vad vad = new Vad();
    private boolean speaking;
    private final TelephoneEventReceiver telephoneEvents = new TelephoneEventReceiver();
    private final DtmfDetector inband = new DtmfDetector();
    private AudioListener listener;
    private Resampler resampler;
    private short[] pcm16k;
    private final RtpStats.Counter stats = new RtpStats.Counter();
    private final Rtcp rtcpState;
    private long nextRtcpAt;
    private boolean timedOut;
    private long lastPacedNanos;
    private byte[] recordScratch = new byte[SAMPLES];
    /** The leg's own RTP send buffer, reused for every packet once the previous write let it go. */
    private ByteBuf out;

    Leg(MediaServer server, long legId, long callId, boolean callerLeg, EventLoop loop, MediaServer.LoopClock clock) {
        this.server = server;
        this.legId = legId;
        this.callId = callId;
        this.callerLeg = callerLeg;
        this.loop = loop;
        this.clock = clock;
        this.rtcpState = new Rtcp(ssrc, "ekc-" + legId + "@" + server.host());
    }

    // --- lifecycle (start: any thread before the leg is visible to the loop; the rest on the loop) ---

    /** {@code register}: the channels are bound but not registered yet; the loop registers them before anything else. */
    void start(int port, Channel rtp, Channel rtcp, boolean register) {
        this.port = port;
        this.rtp = rtp;
        this.sender = new DatagramOut(rtp);
        this.rtcp = rtcp;
        loop.execute(() -> {
            if (register) {
                loop.register(rtp).addListener(this::registered);
                loop.register(rtcp).addListener(this::registered);
            }
            clock.add(this);
        });
    }

    private void registered(io.netty.util.concurrent.Future<? super Void> f) {
        if (!f.isSuccess()) {
            LOG.warn("leg {}: RTP/RTCP socket not registered with its event loop: {}", legId, f.cause().toString());
        }
    }

    void connect(InetSocketAddress remote, int payloadType, int telephoneEventPt) {
        if (closed) {
            return;
        }
        boolean moved = !remote.equals(this.remote);
        if (moved) {
            // A new SDP address (first answer or re-INVITE): send there until media shows where it really comes from.
            this.remote = remote;
            this.sdpRemote = remote;
            this.remoteRtcp = new InetSocketAddress(remote.getAddress(), remote.getPort() + 1);
            this.latched = false;
        }
        boolean before = analysed();
        this.payloadType = payloadType;
        this.eventPt = telephoneEventPt;
        analysisChanged(before);
        if (nextRtcpAt == 0) {
            nextRtcpAt = System.currentTimeMillis() + server.config().rtcpIntervalSeconds() * 1000L;
        }
    }

    void play(Prompt prompt, String name, Consumer<Boolean> onDone) {
        if (closed) {
            onDone.accept(true);
            return;
        }
        if (playback != null) {
            Playback old = playback;
            playback = null;
            old.done(true);
        }
        if (prompt == null) {
            onDone.accept(false); // PromptCatalogue has logged the unknown name
            return;
        }
        playback = new Playback(prompt, onDone);
        talkspurtStart = true;
    }

    void stopPlayback() {
        if (playback != null) {
            Playback old = playback;
            playback = null;
            old.done(true);
        }
    }

    void listen(AudioListener listener) {
        boolean before = analysed();
        this.listener = listener;
        analysisChanged(before);
        if (listener != null && resampler == null) {
            resampler = new Resampler();
            pcm16k = new short[2 * SAMPLES];
        }
    }

    void sendDtmf(char digit) {
        if (!closed) {
            dtmfToSend.add(digit);
        }
    }

    static void bridge(Leg a, Leg b) {
        if (a.closed || b.closed) {
            return;
        }
        a.unbridge();
        b.unbridge();
        a.bridged = b;
        b.bridged = a;
        a.relayTsSet = false;
        b.relayTsSet = false;
    }

    void unbridge() {
        if (bridged != null) {
            bridged.bridged = null;
            bridged.talkspurtStart = true;
            bridged = null;
            talkspurtStart = true;
        }
    }

    void close() {
        if (closed) {
            return;
        }
        unbridge();
        Playback p = playback;
        playback = null;
        closed = true;
        clock.remove(this);
        if (p != null) {
            p.done(true);
        }
        if (remote != null && rtcp != null) {
            sendRtcp(true);
        }
        if (out != null) {
            out.release(); // ours; a write still holding it releases its own reference when it ends
            out = null;
        }
        int p0 = port;
        if (rtp != null) {
            rtp.close().addListener(f -> rtcp.close().addListener(g -> server.portClosed(p0)));
        }
    }

    RtpStats statsSnapshot() {
        return stats.snapshot(rtcpState, vad);
    }

    // --- the 20 ms clock ---

    /** First pass of the clock: what goes out this 20 ms, so every leg's frame leaves early in the tick. */
    void tickSend(long now) {
        if (closed || payloadType < 0) {
            return;
        }
        timestamp += SAMPLES;
        sendTick(now);
    }

    /** Second pass: what came in (jitter buffer, DTMF, VAD, listener, recording), timeouts, RTCP. */
    void tickReceive(long now) {
        if (closed || payloadType < 0) {
            return;
        }
        if (stats.started()) {
            receiveTick(now);
        }
        if (callerLeg && !timedOut && stats.started() && server.config().rtpTimeoutSeconds() > 0
                && now - stats.lastArrival() > server.config().rtpTimeoutSeconds() * 1000L) {
            // The caller's media stopped: a phone that lost power or network sends no BYE.
            timedOut = true;
            LOG.info("leg {}: no RTP for {} s, the caller is taken as gone", legId, server.config().rtpTimeoutSeconds());
            server.events().accept(new Input.CallerHungUp(callId, "rtp-timeout"));
        }
        if (now >= nextRtcpAt) {
            nextRtcpAt = now + server.config().rtcpIntervalSeconds() * 1000L;
            sendRtcp(false);
        }
    }

    private void sendTick(long now) {
        long sentBefore = seq;
        pacedSend(now);
        if (seq != sentBefore) {
            long t = System.nanoTime();
            if (lastPacedNanos != 0) {
                clock.recordInterval(t - lastPacedNanos);
            }
            lastPacedNanos = t;
        } else {
            lastPacedNanos = 0;
        }
    }

    private void pacedSend(long now) {
        if (dtmfSending == null && !dtmfToSend.isEmpty()) {
            dtmfSending = new DtmfSender(dtmfToSend.poll(), timestamp);
        }
        if (dtmfSending != null) {
            if (eventPt >= 0) {
                dtmfSending.nextEvents(this::sendEvent);
            } else {
                dtmfSending.nextTone(pcm);
                G711.encode(payloadType, pcm, 0, SAMPLES, encoded);
                sendAudio(encoded, 0, SAMPLES, now);
            }
            if (dtmfSending.finished()) {
                dtmfSending = null;
                talkspurtStart = true;
            }
            return;
        }
        Playback p = playback;
        if (p != null) {
            byte[] audio = p.prompt.audio(payloadType);
            sendAudio(audio, p.frame * SAMPLES, SAMPLES, now);
            p.frame++;
            if (p.frame >= p.prompt.frames()) {
                playback = null;
                talkspurtStart = true;
                p.done(false);
            }
        }
    }

    private void sendAudio(byte[] audio, int offset, int length, long now) {
        if (remote == null) {
            return;
        }
        ByteBuf b = outBuffer(12 + length);
        RtpPacket.writeHeader(b, talkspurtStart, payloadType, seq, timestamp, ssrc);
        b.writeBytes(audio, offset, length);
        seq = (seq + 1) & 0xFFFF;
        talkspurtStart = false;
        sender.send(b, remote);
        rtcpState.sent(length, timestamp, now);
        if (callerLeg && server.recording() != null) {
            server.recording().frame(callId, false, now, audio, offset, length, payloadType); // the sink copies
        }
    }

    private void sendEvent(boolean marker, int eventTimestamp, byte[] payload) {
        if (remote == null) {
            return;
        }
        ByteBuf b = outBuffer(12 + payload.length);
        RtpPacket.writeHeader(b, marker, eventPt, seq, eventTimestamp, ssrc);
        b.writeBytes(payload);
        seq = (seq + 1) & 0xFFFF;
        sender.send(b, remote);
    }

    /**
     * Whether what the leg receives is played out at all: a caller's audio is recorded and feeds voice activity (the
     * silence timer, barge-in, talk share); another leg's only feeds in-band DTMF (a peer without telephone-events) or
     * a recogniser. An operator's leg with telephone-events has none of these: its packets are relayed as they come
     * (bridging bypasses the jitter buffer), so they are neither buffered nor played out.
     */
    private boolean analysed() {
        return callerLeg || eventPt < 0 || listener != null;
    }

    /** When a leg starts or stops being analysed, its jitter buffer starts afresh with the packets that come next. */
    private void analysisChanged(boolean before) {
        if (before != analysed()) {
            jitter.reset();
            concealed = 0;
        }
    }

    private void receiveTick(long now) {
        if (!analysed()) {
            return;
        }
        // Linear samples only for in-band DTMF and a recogniser: voice activity is taken from the codes themselves.
        boolean linear = eventPt < 0 || listener != null;
        byte[] codes = frame;
        int result = jitter.poll(codes);
        int framePt = jitter.lastPayloadType();
        boolean decoded = true; // pcm holds this frame's samples
        if (result == JitterBuffer.AUDIO) {
            concealed = 0;
            frame = lastFrame;
            lastFrame = codes;
            lastFramePt = framePt;
            decoded = linear;
            if (decoded) {
                G711.decode(framePt, codes, 0, SAMPLES, pcm);
            }
        } else if (result == JitterBuffer.LOST && concealed < MAX_CONCEALED) {
            // Packet-loss concealment: repeat the last frame, fading, then silence (G.711 Appendix I in spirit).
            concealed++;
            float gain = 1f - 0.3f * concealed;
            if (lastFramePt >= 0) {
                G711.decode(lastFramePt, lastFrame, 0, SAMPLES, pcm);
            } else {
                java.util.Arrays.fill(pcm, (short) 0);
            }
            for (int i = 0; i < SAMPLES; i++) {
                pcm[i] = (short) (pcm[i] * gain);
            }
            framePt = payloadType;
            G711.encode(framePt, pcm, 0, SAMPLES, codes);
        } else {
            java.util.Arrays.fill(pcm, (short) 0);
            java.util.Arrays.fill(codes, G711.silence(payloadType));
            framePt = payloadType;
        }
        if (callerLeg && server.recording() != null) {
            server.recording().frame(callId, true, now, codes, 0, SAMPLES, framePt);
        }
        if (eventPt < 0) {
            char digit = inband.process(pcm, SAMPLES);
            if (digit != 0) {
                digit(digit);
            }
        }
        boolean speech = decoded ? vad.process(pcm, SAMPLES) : vad.process(codes, framePt, SAMPLES);
        if (callerLeg && speech != speaking) {
            speaking = speech;
            server.events().accept(new Input.VoiceActivity(callId, speech));
            if (speech && playback != null && server.config().bargeIn()) {
                Playback p = playback;
                playback = null;
                talkspurtStart = true;
                p.done(true);
            }
        }
        if (listener != null) {
            resampler.upsample(pcm, SAMPLES, pcm16k);
            listener.onFrame(legId, pcm16k, 2 * SAMPLES, speech, now);
        }
    }

    private void digit(char digit) {
        if (callerLeg) {
            server.events().accept(new Input.DtmfDigit(callId, digit));
        } else {
            server.dtmfListener().digit(legId, callId, digit);
        }
    }

    // --- receiving, on the loop ---

    private void onRtp(DatagramPacket packet) {
        if (closed || payloadType < 0) {
            return;
        }
        ByteBuf b = packet.content();
        if (RtpPacket.isRtcp(b)) {
            onRtcp(packet); // RTCP multiplexed on the RTP port (RFC 5761)
            return;
        }
        if (!RtpPacket.valid(b)) {
            stats.invalid();
            return;
        }
        int pt = RtpPacket.payloadType(b);
        int packetSsrc = RtpPacket.ssrc(b);
        int packetSeq = RtpPacket.sequence(b);
        int packetTs = RtpPacket.timestamp(b);
        long now = System.currentTimeMillis();
        if (!stats.started() || packetSsrc != stats.ssrc()) {
            if (stats.started() && latched && !trusted(packet.sender())) {
                // Another source from a host that is neither our peer nor its SDP address: not a restart of
                // the peer's stream but someone else's packets; they must not take the call's media over.
                stats.invalid();
                return;
            }
            if (stats.started()) {
                LOG.info("leg {}: SSRC changed {} -> {} from {}", legId, Integer.toUnsignedString(stats.ssrc()),
                        Integer.toUnsignedString(packetSsrc), packet.sender());
            }
            // A new source (first packet, or the peer restarted/was replaced): new sequence space.
            stats.newSource(packetSsrc, packetSeq);
            jitter.reset();
            telephoneEvents.reset();
            if (bridged != null) {
                bridged.relayTsSet = false;
            }
            latch(packet.sender());
        } else if (!latched) {
            latch(packet.sender());
        }
        stats.received(packetSeq, packetTs, now, pt == eventPt ? 0 : 8000);
        int offset = RtpPacket.payloadOffset(b);
        int length = RtpPacket.payloadLength(b);
        if (length <= 0) {
            return;
        }
        if (pt == eventPt && eventPt >= 0) {
            char digit = telephoneEvents.process(packetTs, b, offset, length);
            if (digit != 0) {
                digit(digit);
            }
            if (bridged != null) {
                bridged.relayEvent(b, offset, length, RtpPacket.marker(b), packetTs);
            }
            return;
        }
        if (pt != G711.PCMU && pt != G711.PCMA) {
            stats.invalid(); // comfort noise and the like: not decoded
            return;
        }
        if (analysed()) {
            jitter.put(packetTs, pt, b, offset, length);
        }
        if (bridged != null) {
            bridged.relayAudio(b, offset, length, pt, packetTs, RtpPacket.marker(b), now);
        }
    }

    /**
     * A buffer for one RTP packet: the leg's own, when the socket has sent what it last held (a write releases its
     * buffer once sent, leaving only our reference), else a fresh pooled one — no allocation per packet in the normal
     * case, and never a buffer still queued for sending.
     */
    private ByteBuf outBuffer(int size) {
        if (out == null) {
            out = rtp.alloc().directBuffer(OUT_CAPACITY);
        }
        if (out.refCnt() == 1 && size <= out.capacity()) {
            return out.clear().retain();
        }
        return rtp.alloc().directBuffer(size);
    }

    private byte[] scratch(int length) {
        if (recordScratch.length != length) {
            recordScratch = new byte[length];
        }
        return recordScratch;
    }

    private boolean trusted(InetSocketAddress sender) {
        return sender.getAddress().equals(remote.getAddress())
                || (sdpRemote != null && sender.getAddress().equals(sdpRemote.getAddress()));
    }

    private void latch(InetSocketAddress sender) {
        if (!sender.equals(remote)) {
            LOG.debug("leg {}: symmetric RTP, sending to {} (SDP said {})", legId, sender, remote);
            remote = sender;
            remoteRtcp = new InetSocketAddress(sender.getAddress(), sender.getPort() + 1);
        }
        latched = true;
    }

    /** Relays audio from the bridged leg to this leg's peer, transcoding when the laws differ. */
    private void relayAudio(ByteBuf in, int offset, int length, int pt, int inTimestamp, boolean marker, long now) {
        if (closed || payloadType < 0 || remote == null || playback != null || dtmfSending != null) {
            return; // a prompt or a digit to this leg wins over the other party's voice
        }
        if (!relayTsSet) {
            relayTsOffset = timestamp - inTimestamp;
            relayTsSet = true;
            marker = true;
        }
        ByteBuf b = outBuffer(12 + length);
        RtpPacket.writeHeader(b, marker || talkspurtStart, payloadType, seq, inTimestamp + relayTsOffset, ssrc);
        byte[] copy = null;
        if (pt == payloadType) {
            b.writeBytes(in, offset, length);
        } else {
            copy = scratch(length);
            for (int i = 0; i < length; i++) {
                byte code = in.getByte(offset + i);
                copy[i] = payloadType == G711.PCMA ? G711.linearToAlaw(G711.ulawToLinear(code))
                        : G711.linearToUlaw(G711.alawToLinear(code));
            }
            b.writeBytes(copy);
        }
        seq = (seq + 1) & 0xFFFF;
        talkspurtStart = false;
        sender.send(b, remote);
        rtcpState.sent(length, inTimestamp + relayTsOffset, now);
        if (callerLeg && server.recording() != null) {
            if (copy == null) {
                copy = scratch(length);
                in.getBytes(offset, copy, 0, length);
            }
            server.recording().frame(callId, false, now, copy, 0, length, payloadType);
        }
    }

    private void relayEvent(ByteBuf in, int offset, int length, boolean marker, int inTimestamp) {
        if (closed || eventPt < 0 || remote == null) {
            return;
        }
        if (!relayTsSet) {
            relayTsOffset = timestamp - inTimestamp;
            relayTsSet = true;
        }
        ByteBuf b = outBuffer(12 + length);
        RtpPacket.writeHeader(b, marker, eventPt, seq, inTimestamp + relayTsOffset, ssrc);
        b.writeBytes(in, offset, length);
        seq = (seq + 1) & 0xFFFF;
        sender.send(b, remote);
    }

    private void onRtcp(DatagramPacket packet) {
        if (closed) {
            return;
        }
        if (!packet.sender().equals(remoteRtcp) && remote != null) {
            remoteRtcp = packet.sender();
        }
        rtcpState.receive(packet.content(), System.currentTimeMillis());
    }

    private void sendRtcp(boolean bye) {
        if (remoteRtcp == null || rtcp == null || !rtcp.isActive()) {
            return;
        }
        ByteBuf b = rtcp.alloc().directBuffer(128);
        rtcpState.write(b, stats, System.currentTimeMillis(), bye);
        rtcp.writeAndFlush(new DatagramPacket(b, remoteRtcp), rtcp.voidPromise());
    }

    ChannelHandler rtpHandler() {
        return new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
                onRtp(msg);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                LOG.warn("leg {}: RTP socket error: {}", legId, cause.toString());
            }
        };
    }

    ChannelHandler rtcpHandler() {
        return new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
                onRtcp(msg);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                LOG.warn("leg {}: RTCP socket error: {}", legId, cause.toString());
            }
        };
    }

    /** A prompt being played: where it is, whom to tell when it ends. */
    private static final class Playback {
        final Prompt prompt;
        final Consumer<Boolean> onDone;
        int frame;

        Playback(Prompt prompt, Consumer<Boolean> onDone) {
            this.prompt = prompt;
            this.onDone = onDone;
        }

        void done(boolean interrupted) {
            try {
                onDone.accept(interrupted);
            } catch (RuntimeException e) {
                LOG.error("prompt {}: completion callback failed", prompt.name(), e);
            }
        }
    }
}
