package ekc.media;

import ekc.config.MediaConfig;
import ekc.engine.Input;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.Socket;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTP engine: one RTP/RTCP port pair per call leg on a few Netty event loops (epoll when available, io_uring when
 * asked for: {@link Transport}).
 * Every leg of a call lives on the same event loop, and each loop runs one shared 20 ms clock that paces
 * playback, drains the jitter buffers and runs voice activity detection for all its legs — no thread per
 * call, no lock on the media path.
 *
 * <p>The public methods may be called from any thread (SIP, engine command dispatcher, robot); they hand
 * their work to the leg's event loop. Callbacks ({@link AudioListener}, {@link DtmfListener}, play's
 * {@code onDone}, {@link RecordingSink}) run on that event loop and must not block. Engine inputs
 * ({@link Input.PromptFinished}, {@link Input.DtmfDigit}, {@link Input.VoiceActivity}) are published through
 * the {@code events} consumer from the event loops.
 */
public final class MediaServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaServer.class);
    static final int FRAME_MILLIS = 20;
    /** A few seconds of a stream: rides out a stalled loop. */
    private static final int RECEIVE_BUFFER = 256 * 1024;
    private static final int SEND_BUFFER = 128 * 1024;

    private final MediaConfig config;
    private final Consumer<Input> events;
    private final RecordingSink recording;
    private final PromptCatalogue prompts;
    private final EventLoopGroup group;
    private final Transport transport;
    private final EventLoop[] loops;
    private final LoopClock[] clocks;
    /** Each loop's direct io_uring sends; null unless the transport is io_uring. */
    private final UringSends[] uringSends;
    private final Map<Long, Leg> legs = new ConcurrentHashMap<>();
    private final BitSet portsInUse = new BitSet(65536);
    private int nextPort;
    private volatile DtmfListener dtmfListener = (legId, callId, digit) -> { };
    /** Why {@code realtimePriority} was not applied; null when it was, or when it is off. */
    private final String realtimeRefusal;

    public MediaServer(MediaConfig config, String language, Consumer<Input> events, RecordingSink recording) {
        if (!"ru".equals(language) && !"en".equals(language)) {
            throw new IllegalArgumentException("language must be ru or en, not " + language);
        }
        this.config = config;
        this.events = events;
        this.recording = recording;
        this.prompts = new PromptCatalogue(language, config.promptsDir() == null ? null : Path.of(config.promptsDir()));
        int threads = config.eventLoops();
        DefaultThreadFactory factory = new DefaultThreadFactory("ekc-media", true, Thread.MAX_PRIORITY);
        Transport.Choice choice = Transport.choose(config.transport());
        transport = choice.transport();
        group = new MultiThreadIoEventLoopGroup(threads, factory, transport.ioHandlerFactory());
        List<EventLoop> list = new ArrayList<>();
        for (EventExecutor e : group) {
            list.add((EventLoop) e);
        }
        loops = list.toArray(new EventLoop[0]);
        clocks = new LoopClock[loops.length];
        uringSends = transport == Transport.IO_URING ? new UringSends[loops.length] : null;
        for (int i = 0; uringSends != null && i < loops.length; i++) {
            uringSends[i] = new UringSends(Socket.isIPv6Preferred()).register((IoEventLoop) loops[i]);
        }
        int slots = clockSlots();
        for (int i = 0; i < loops.length; i++) {
            clocks[i] = new LoopClock(loops[i], slots);
        }
        realtimeRefusal = config.realtimePriority() > 0 ? realtime(config.realtimePriority()) : null;
        int min = config.rtpPortMin() + (config.rtpPortMin() & 1);
        nextPort = min + 2 * (int) (Math.random() * Math.max(1, (config.rtpPortMax() - min) / 2));
        LOG.info("media: {} event loop(s), {}, {} clock slot(s) per 20 ms, RTP {}:{}-{}", loops.length,
                transport.configName, slots, config.host(), config.rtpPortMin(), config.rtpPortMax());
        if (choice.why() != null) {
            String wanted = config.transport();
            if (wanted.equals("auto") || wanted.equals(transport.configName)) {
                LOG.info("media: transport {}, not io_uring: {}", transport.configName, choice.why());
            } else {
                LOG.warn("media: transport {}, not {} (media.transport): {}", transport.configName, wanted, choice.why());
            }
        }
    }

    /** The socket layer the event loops run on: io_uring, epoll or nio. */
    public String transport() {
        return transport.configName;
    }

    /**
     * Each event loop makes its own thread SCHED_FIFO at {@code priority} (a thread can only be given a policy by
     * its id, which Java does not expose). Logged once: applied, or why not — the loops then run as before.
     */
    private String realtime(int priority) {
        String refusal = null;
        for (EventLoop loop : loops) {
            String r = loop.submit(() -> RealtimePriority.applyToCurrentThread(priority)).syncUninterruptibly().getNow();
            refusal = refusal != null ? refusal : r;
        }
        if (refusal == null) {
            LOG.info("media: event loops run SCHED_FIFO at priority {} (media.realtimePriority)", priority);
        } else {
            LOG.warn("media: media.realtimePriority {} refused, {}; the event loops run at normal priority", priority,
                    refusal);
        }
        return refusal;
    }

    /** Why {@code media.realtimePriority} was not applied, or null (applied, or off). */
    String realtimeRefusal() {
        return realtimeRefusal;
    }

    /**
     * Binds an RTP port (even) and its RTCP port (+1) on {@code config.host()} for a new leg; returns the RTP port.
     * For the caller's leg {@code legId == callId}. Blocks while binding: call it from the SIP thread, not an event loop.
     *
     * @throws IllegalStateException when the range has no free pair, or the leg exists already
     */
    public int allocate(long legId, long callId, boolean callerLeg) {
        int index = (int) Long.remainderUnsigned(callId, loops.length);
        EventLoop loop = loops[index];
        Leg leg = new Leg(this, legId, callId, callerLeg, loop, clocks[index]);
        if (legs.putIfAbsent(legId, leg) != null) {
            throw new IllegalStateException("leg " + legId + " already has media");
        }
        try {
            int min = config.rtpPortMin() + (config.rtpPortMin() & 1);
            int max = config.rtpPortMax();
            int pairs = Math.max(1, (max - min + 1) / 2);
            for (int attempt = 0; attempt < pairs; attempt++) {
                int port = takeCandidate(min, max);
                if (port < 0) {
                    break;
                }
                if (transport != Transport.NIO) {
                    // Both ports bound before either becomes a channel: a channel not yet registered with its loop
                    // cannot be closed (Netty wants the loop for the close's promise), a bare socket can.
                    Socket rtp = bindHere(port);
                    Socket rtcp = rtp == null ? null : bindHere(port + 1);
                    if (rtcp != null) {
                        Channel rtpChannel = channel(rtp, leg.rtpHandler());
                        if (uringSends != null) {
                            rtpChannel.attr(DatagramOut.URING_SENDS).set(uringSends[index]);
                        }
                        leg.start(port, rtpChannel, channel(rtcp, leg.rtcpHandler()), true);
                        return port;
                    }
                    closeQuietly(rtp);
                } else {
                    Channel rtp = bind(loop, port, leg.rtpHandler());
                    Channel rtcp = rtp == null ? null : bind(loop, port + 1, leg.rtcpHandler());
                    if (rtcp != null) {
                        leg.start(port, rtp, rtcp, false);
                        return port;
                    }
                    if (rtp != null) {
                        rtp.close();
                    }
                }
                // Taken by another process: leave it marked so we do not try it again at once, free it later.
                freePortLater(port);
            }
            throw new IllegalStateException("no free RTP port pair in " + config.rtpPortMin() + "-" + config.rtpPortMax());
        } catch (RuntimeException e) {
            legs.remove(legId, leg);
            throw e;
        }
    }

    /** Where to send: the peer's SDP address, port and chosen payload types. May be called again (re-INVITE). */
    public void connect(long legId, String remoteHost, int remotePort, int payloadType, int telephoneEventPt) {
        if (payloadType != G711.PCMU && payloadType != G711.PCMA) {
            throw new IllegalArgumentException("payload type " + payloadType + " is not PCMU (0) or PCMA (8)");
        }
        InetSocketAddress remote = new InetSocketAddress(remoteHost, remotePort);
        Leg leg = leg(legId);
        leg.loop.execute(() -> leg.connect(remote, payloadType, telephoneEventPt));
    }

    /**
     * Plays a catalogue prompt; publishes {@link Input.PromptFinished} when it ends. On a leg that is gone (the
     * caller hung up meanwhile) it finishes at once as interrupted, so nobody waits for it.
     */
    public void play(long legId, String prompt) {
        Leg leg = legs.get(legId);
        long callId = leg != null ? leg.callId : legId;
        play(legId, prompt, bargedIn -> events.accept(new Input.PromptFinished(callId, prompt, bargedIn)));
    }

    /**
     * Plays a catalogue prompt and calls {@code onDone} (on the event loop) when it ends: {@code true} when it did
     * not play to its end (the caller spoke — barge-in —, it was stopped, replaced by another play, or the leg
     * released). An unknown prompt completes at once with {@code false} and an error in the log (once per name);
     * a leg that is gone completes at once with {@code true}.
     */
    public void play(long legId, String prompt, Consumer<Boolean> onDone) {
        Prompt p = prompts.find(prompt);
        Leg leg = legs.get(legId);
        if (leg == null) {
            gone(legId, "play " + prompt);
            onDone.accept(true);
            return;
        }
        leg.loop.execute(() -> leg.play(p, prompt, onDone));
    }

    /** Plays 8 kHz linear audio (Yana's synthesised speech) like a prompt. */
    public void playPcm(long legId, String id, short[] pcm8k, Consumer<Boolean> onDone) {
        Leg leg = legs.get(legId);
        if (leg == null) {
            gone(legId, "play " + id);
            onDone.accept(true);
            return;
        }
        Prompt p = Prompt.of(id, pcm8k);
        leg.loop.execute(() -> leg.play(p, id, onDone));
    }

    /** Stops the prompt being played (its completion reports it interrupted). A leg that is gone is ignored. */
    public void stopPlayback(long legId) {
        Leg leg = legs.get(legId);
        if (leg != null) {
            leg.loop.execute(leg::stopPlayback);
        }
    }

    /** The caller's audio at 16 kHz with the VAD decision per frame; null stops listening. */
    public void listen(long legId, AudioListener listener) {
        Leg leg = legs.get(legId);
        if (leg == null) {
            gone(legId, "listen");
            return;
        }
        leg.loop.execute(() -> leg.listen(listener));
    }

    /** DTMF on non-caller legs goes here; a caller's digits are published as {@link Input.DtmfDigit}. */
    public void onDtmf(DtmfListener listener) {
        this.dtmfListener = listener != null ? listener : (legId, callId, digit) -> { };
    }

    /** Sends a DTMF digit: RFC 4733 events when the peer negotiated them, in-band tones otherwise. */
    public void sendDtmf(long legId, char digit) {
        if (Dtmf.eventOf(digit) < 0) {
            throw new IllegalArgumentException("not a DTMF digit: " + digit);
        }
        Leg leg = leg(legId);
        leg.loop.execute(() -> leg.sendDtmf(digit));
    }

    /**
     * Relays RTP between the two legs both ways as it arrives (no jitter buffer on that path), transcoding when
     * their laws differ; DTMF events pass through too. A leg that is gone is ignored (logged).
     *
     * @throws IllegalArgumentException for legs of different calls (they are on different event loops)
     */
    public void bridge(long legA, long legB) {
        Leg a = legs.get(legA);
        Leg b = legs.get(legB);
        if (a == null || b == null) {
            gone(a == null ? legA : legB, "bridge " + legA + " with " + legB);
            return;
        }
        if (a.loop != b.loop) {
            // Legs of one call share a loop; two calls' legs may not, so hop once and relay across.
            throw new IllegalArgumentException("legs " + legA + " and " + legB + " belong to different calls ("
                    + a.callId + ", " + b.callId + ")");
        }
        a.loop.execute(() -> Leg.bridge(a, b));
    }

    /** Ends the bridge the leg is in, if any; a leg that is gone is ignored (its release unbridged it). */
    public void unbridge(long legA) {
        Leg a = legs.get(legA);
        if (a != null) {
            a.loop.execute(a::unbridge);
        }
    }

    /** Reception and loss figures of a leg so far (RTCP's view), or null for an unknown leg. Any thread. */
    public RtpStats stats(long legId) {
        Leg leg = legs.get(legId);
        return leg == null ? null : leg.statsSnapshot();
    }

    /** Frees the ports and stops everything of the leg. Unknown legs are ignored (release is idempotent). */
    public void release(long legId) {
        Leg leg = legs.remove(legId);
        if (leg != null) {
            leg.loop.execute(leg::close);
        }
    }

    /** Legs with media now. */
    public int legCount() {
        return legs.size();
    }

    public String host() {
        return config.host();
    }

    @Override
    public void close() {
        for (Long id : List.copyOf(legs.keySet())) {
            release(id);
        }
        // A quiet period, so the legs' channels finish closing before the loops stop: an io_uring channel closes once
        // the kernel has cancelled its armed reads, a loop turn later (closing it in the loop's teardown logged a
        // rejected task per channel).
        group.shutdownGracefully(100, 1000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    /** Waits until the leg's event loop has run what was handed to it so far (tests: connect before sending). */
    void settle(long legId) {
        Leg leg = leg(legId);
        leg.loop.submit(() -> { }).syncUninterruptibly();
    }

    /** How many legs each slot of the first event loop's clock holds (tests). Waits for the loop. */
    int[] slotLoads() {
        LoopClock c = clocks[0];
        return loops[0].submit(c::loads).syncUninterruptibly().getNow();
    }

    /** Runs {@code task} on event loop {@code index} and returns its result (tests). */
    <T> T onLoop(int index, java.util.concurrent.Callable<T> task) {
        return loops[index].submit(task).syncUninterruptibly().getNow();
    }

    /** The slot a leg's frames leave in (tests). Waits for the leg's loop. */
    int slotOf(long legId) {
        Leg leg = leg(legId);
        return leg.loop.submit(() -> leg.slot).syncUninterruptibly().getNow();
    }

    // --- for the legs ---

    Consumer<Input> events() {
        return events;
    }

    RecordingSink recording() {
        return recording;
    }

    DtmfListener dtmfListener() {
        return dtmfListener;
    }

    MediaConfig config() {
        return config;
    }

    Leg find(long legId) {
        return legs.get(legId);
    }

    void portClosed(int port) {
        synchronized (portsInUse) {
            portsInUse.clear(port);
        }
    }

    private static void gone(long legId, String what) {
        LOG.debug("leg {} has no media (released): {} ignored", legId, what);
    }

    private Leg leg(long legId) {
        Leg leg = legs.get(legId);
        if (leg == null) {
            throw new IllegalArgumentException("no media for leg " + legId + " (not allocated, or released)");
        }
        return leg;
    }

    private int takeCandidate(int min, int max) {
        synchronized (portsInUse) {
            int span = Math.max(2, max - min + 1);
            for (int i = 0; i < span; i += 2) {
                int port = nextPort;
                nextPort += 2;
                if (nextPort + 1 > max) {
                    nextPort = min;
                }
                if (port + 1 <= max && !portsInUse.get(port)) {
                    portsInUse.set(port);
                    return port;
                }
            }
            return -1;
        }
    }

    private void freePortLater(int port) {
        loops[0].schedule(() -> portClosed(port), 10, TimeUnit.SECONDS);
    }

    /**
     * Io_uring and epoll: a socket bound here, on the calling thread, and wrapped in a channel that its leg's loop
     * registers later ({@link Leg#start}), so allocating a leg waits for no event loop. Binding through a
     * {@link Bootstrap} registers and binds on the loop while the caller waits, twice per leg: two wake-ups of the loop
     * and two of the SIP lane per call. Datagrams that arrive before the loop registers the channel wait in the
     * socket's buffer. Null when the port is taken.
     */
    private Socket bindHere(int port) {
        Socket socket = Socket.newSocketDgram();
        try {
            socket.setReceiveBufferSize(RECEIVE_BUFFER);
            socket.setSendBufferSize(SEND_BUFFER);
            socket.bind(new InetSocketAddress(config.host(), port));
            return socket;
        } catch (IOException e) {
            closeQuietly(socket);
            return null;
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // the descriptor is gone either way
        }
    }

    /** A socket {@link #bindHere bound here} as a channel of the transport, for its leg's loop to register. */
    private Channel channel(Socket socket, io.netty.channel.ChannelHandler handler) {
        Channel channel;
        if (transport == Transport.IO_URING) {
            // Each read is one IORING_OP_RECVMSG left armed in the kernel (it completes when a datagram arrives) and
            // re-armed when it completed, in the loop's next io_uring_enter along with the loop's sends.
            channel = new IoUringDatagramChannel(socket.intValue()); // active: bound already
        } else {
            channel = new EpollDatagramChannel(socket.intValue());
            // Netty's datagram read loop goes on until recvmsg finds nothing (EAGAIN) or 16 datagrams: with a leg's
            // packets 20 ms apart that is two recvmsg per packet. One datagram per read, level-triggered: a second
            // one waiting is reported again by the next epoll_wait (edge-triggered would not report it).
            channel.config().setOption(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED);
            channel.config().setOption(ChannelOption.MAX_MESSAGES_PER_READ, 1);
        }
        channel.pipeline().addLast(handler);
        return channel;
    }

    /** NIO (no native transport here): bound on the loop through a {@link Bootstrap}, the caller waiting. */
    private Channel bind(EventLoop loop, int port, io.netty.channel.ChannelHandler handler) {
        ChannelFuture f = new Bootstrap()
                .group(loop)
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER)
                .option(ChannelOption.SO_SNDBUF, SEND_BUFFER)
                .handler(handler)
                .bind(new InetSocketAddress(config.host(), port))
                .awaitUninterruptibly();
        return f.isSuccess() ? f.channel() : null;
    }

    /**
     * How evenly paced frames went out since start, over all event loops (see {@link SendTiming}). Waits briefly
     * for each loop to copy its figures; call it from a monitoring thread, not from a callback.
     */
    public SendTiming sendTiming() {
        SendTiming total = SendTiming.empty();
        for (int i = 0; i < loops.length; i++) {
            LoopClock c = clocks[i];
            long[] copy = loops[i].submit(() -> c.sendIntervals.clone()).syncUninterruptibly().getNow();
            total = total.plus(copy);
        }
        return total;
    }

    /**
     * Wake-up lateness and work of the 20 ms clocks' slots since start, over all event loops (see {@link ClockTiming}).
     * Waits briefly for each loop to copy its figures; call it from a monitoring thread, not from a callback.
     */
    public ClockTiming clockTiming() {
        SendTiming late = SendTiming.empty();
        SendTiming work = SendTiming.empty();
        long wakeUps = 0;
        for (int i = 0; i < loops.length; i++) {
            LoopClock c = clocks[i];
            long[][] copy = loops[i].submit(() -> new long[][] {c.lateness.clone(), c.work.clone(), {c.wakeUps}})
                    .syncUninterruptibly().getNow();
            late = late.plus(copy[0]);
            work = work.plus(copy[1]);
            wakeUps += copy[2][0];
        }
        return new ClockTiming(late, work, wakeUps);
    }

    /** Slots of the 20 ms period: 20 by default; {@code -Dekc.media.clockSlots=1} is one burst per 20 ms (to compare). */
    static int clockSlots() {
        int n = Integer.getInteger("ekc.media.clockSlots", 20);
        if (n < 1 || n > 20 || 20 % n != 0) {
            throw new IllegalArgumentException("ekc.media.clockSlots must divide 20, not " + n);
        }
        return n;
    }

    /**
     * Runs on one event loop: the 20 ms clock of every leg on that loop. The period is cut into fixed slots
     * (1 ms each by default) and every leg has one, chosen at its start as the least used: a leg's frames leave
     * at its slot's deadline, every 20 ms, and only a slot's few legs share a burst. A slot that runs late delays
     * its own legs only, by its own lateness; the next slot's deadline does not move (deadlines are counted from
     * one epoch, so lateness never accumulates). After a stall the missed slots run at once, in order, so no
     * frame is skipped and timestamps stay right.
     */
    static final class LoopClock implements Runnable {
        private final EventLoop loop;
        private final int slotCount;
        private final long slotNanos;
        private final ArrayList<Leg>[] slots;
        private final long[] sendIntervals = new long[SendTiming.BUCKETS];
        private final long[] lateness = new long[SendTiming.BUCKETS];
        private final long[] work = new long[SendTiming.BUCKETS];
        private long wakeUps;
        private final long epoch;
        private long next; // slots run since the epoch
        private int legCount;
        /** The wake-up asked for, and the slot (counted from the epoch) it is for; null while the clock has no leg. */
        private ScheduledFuture<?> wake;
        private long wakeIndex;

        @SuppressWarnings("unchecked")
        LoopClock(EventLoop loop, int slotCount) {
            this.loop = loop;
            this.slotCount = slotCount;
            this.slotNanos = FRAME_MILLIS * 1_000_000L / slotCount;
            this.slots = new ArrayList[slotCount];
            for (int i = 0; i < slotCount; i++) {
                slots[i] = new ArrayList<>();
            }
            this.epoch = System.nanoTime() + FRAME_MILLIS * 1_000_000L;
        }

        void recordInterval(long nanos) {
            long deviation = Math.abs(nanos - FRAME_MILLIS * 1_000_000L);
            count(sendIntervals, deviation);
        }

        private static void count(long[] histogram, long nanos) {
            histogram[(int) Math.min(SendTiming.BUCKETS - 1, Math.max(0, nanos) / SendTiming.BUCKET_NANOS)]++;
        }

        /** The least used slot gets the leg; the clock wakes for that slot if it was to sleep past it. */
        void add(Leg leg) {
            int best = 0;
            for (int i = 1; i < slotCount; i++) {
                if (slots[i].size() < slots[best].size()) {
                    best = i;
                }
            }
            leg.slot = best;
            slots[best].add(leg);
            if (legCount++ == 0) {
                // Asleep since its last leg left: the slots since then were empty, none is owed; start from now.
                next = Math.max(next, Math.floorDiv(System.nanoTime() - epoch, slotNanos) + 1);
            }
            long index = next + Math.floorMod(best - next, slotCount);
            if (wake == null || index < wakeIndex) {
                if (wake != null) {
                    wake.cancel(false);
                }
                scheduleAt(index);
            }
        }

        void remove(Leg leg) {
            if (leg.slot >= 0 && slots[leg.slot].remove(leg)) {
                legCount--;
            }
        }

        int[] loads() {
            int[] n = new int[slotCount];
            for (int i = 0; i < slotCount; i++) {
                n[i] = slots[i].size();
            }
            return n;
        }

        /**
         * Wakes at the next slot that holds a leg; with no leg at all, not until one is added. An idle loop woke
         * every millisecond for empty slots: 2,000 wake-ups a second on two loops, 67 ms of CPU a second on an idle
         * ekc run here, and most slots are empty under a SIP load of short calls too.
         */
        private void scheduleNext() {
            if (legCount == 0 || loop.isShuttingDown()) {
                wake = null;
                return;
            }
            long index = next;
            while (slots[(int) (index % slotCount)].isEmpty()) {
                index++; // at most slotCount - 1 steps: some slot holds a leg
            }
            scheduleAt(index);
        }

        private void scheduleAt(long index) {
            wakeIndex = index;
            long delay = epoch + index * slotNanos - System.nanoTime();
            wake = loop.schedule(this, Math.max(0, delay), TimeUnit.NANOSECONDS);
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            wakeUps++;
            count(lateness, start - (epoch + wakeIndex * slotNanos));
            long now = System.currentTimeMillis();
            while (epoch + next * slotNanos <= start) {
                runSlot(slots[(int) (next % slotCount)], now);
                next++;
            }
            count(work, System.nanoTime() - start);
            scheduleNext();
        }

        private static void runSlot(ArrayList<Leg> legs, long now) {
            // Sending first for every leg of the slot, then the heavier receive side: paced frames leave together.
            for (int i = 0; i < legs.size(); i++) {
                try {
                    legs.get(i).tickSend(now);
                } catch (RuntimeException e) {
                    LOG.error("media tick failed for leg {}", legs.get(i).legId, e);
                }
            }
            for (int i = 0; i < legs.size(); i++) {
                try {
                    legs.get(i).tickReceive(now);
                } catch (RuntimeException e) {
                    LOG.error("media tick failed for leg {}", legs.get(i).legId, e);
                }
            }
        }
    }
}
