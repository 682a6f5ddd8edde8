package ekc.app;

import ekc.asterisk.AsteriskAdapter;
import ekc.config.EkcConfig;
import ekc.config.Regions;
import ekc.engine.AgentSpec;
import ekc.engine.CallIds;
import ekc.engine.CardEvent;
import ekc.engine.Command;
import ekc.engine.Engine;
import ekc.engine.EngineRing;
import ekc.engine.EngineSettings;
import ekc.engine.Input;
import ekc.engine.Outputs;
import ekc.engine.Skill;
import ekc.media.MediaServer;
import ekc.app.http.HttpApi;
import ekc.recordings.Cards;
import ekc.recordings.Journal;
import java.time.Clock;
import ekc.robot.Robot;
import ekc.robot.Voice;
import ekc.sip.MediaPorts;
import ekc.sip.SipAdapter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running EKC: the engine on its ring, and the adapters around it. Data flows one way: adapters
 * publish {@link Input}s into the ring; the engine thread decides; its {@link Command}s go through
 * the {@link Dispatcher} to the adapters, and its {@link CardEvent}s to the journal.
 */
final class Ekc implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Ekc.class);
    private static final long TICK_MILLIS = 10;

    final EkcConfig config;
    final Journal journal;
    final EngineRing ring;
    final MediaServer media;
    final SipAdapter sip;
    /** Yana; null when the robot is off (then the engine greets and says goodbye). */
    final Robot robot;
    /** The HTTP API of cards and recordings, and the card index it reads; null when off. */
    final HttpApi http;
    private final Cards httpCards;
    /** The existing Asterisk PBX, over AMI and FastAGI; null when not configured. */
    final AsteriskAdapter asterisk;
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService ticker;
    /** Caller regions by call, for the robot (it asks the region only when the number does not tell). */
    private final Map<Long, String> regions = new ConcurrentHashMap<>();
    /**
     * Media commands that came before the caller's leg had media: the SIP adapter allocates the
     * leg when it answers, on its own thread, so a prompt may be asked for first. Guarded by itself.
     */
    private final Map<Long, java.util.List<Command>> awaitingMedia = new java.util.HashMap<>();
    private final java.util.Set<Long> mediaReady = new java.util.HashSet<>();
    /**
     * Calls lately over (media released or card closed): a prompt for one of them, which can reach
     * the dispatcher after the caller's BYE, is dropped rather than kept waiting for media for ever
     * (19 % of 100,000 SIPp calls once leaked so). The newest 16,384 are remembered, far more than
     * the milliseconds such a race lasts. Guarded by awaitingMedia.
     */
    private final java.util.Set<Long> ended = java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > 16_384;
        }
    });
    /** Operators' media legs → agent ids, for transfer codes dialled on an operator's phone. */
    private final Map<Long, String> agentLegs = new ConcurrentHashMap<>();

    private Ekc(EkcConfig config, Path journalDir) {
        this.config = config;
        this.journal = Journal.open(journalDir, config.journal());
        // calls that were in progress when EKC last stopped are closed, once, before anything new
        // the HTTP API's card index is read once, and the restart looks into it rather than reading the journal again
        this.httpCards = config.http().enabled() ? Cards.open(journalDir) : null;
        Journal.Restart restart = httpCards != null ? journal.restart(httpCards, System.currentTimeMillis())
                : journal.restart(System.currentTimeMillis());
        for (CardEvent e : restart.closing()) {
            journal.append(e);
        }
        journal.flush();
        this.dispatcher = new Dispatcher(this::route);
        Outputs outputs = new Outputs() {
            @Override
            public void command(Command command) {
                dispatcher.offer(command);
            }

            @Override
            public void fact(CardEvent event) {
                if (event instanceof CardEvent.CardOpened o && o.region() != null) {
                    regions.put(o.card(), o.region());
                } else if (event instanceof CardEvent.CardClosed) {
                    regions.remove(event.card());
                    callEnded(event.card()); // also a call that was never answered: its leg never had media
                }
                journal.append(event);
            }

            @Override
            public void endOfBatch() {
                journal.flush();
            }
        };
        this.ring = new EngineRing(1 << 16, System::currentTimeMillis, new Engine(outputs, config),
                EngineRing.Wait.of(config.engine().waitStrategy()));
        // deferred requests waiting for their call-back go back into their queues, in order, before any new call
        restart.deferred().forEach(ring::publish);
        restart.unanswered().forEach(ring::publish); // the lines' call-back lists (R29), oldest first
        if (!restart.closing().isEmpty() || !restart.deferred().isEmpty() || !restart.unanswered().isEmpty()) {
            LOG.info("Restart: {} cards closed as interrupted, {} deferred requests back in their queues, {} unanswered"
                            + " requests back on the call-back lists",
                    restart.closing().stream().filter(e -> e instanceof CardEvent.CardClosed).count(), restart.deferred().size(),
                    restart.unanswered().size());
        }
        Consumer<Input> engine = ring::publish;
        CallIds ids = new CallIds(System.currentTimeMillis());
        this.robot = config.robot().enabled() ? new Robot(config.robot(), engine, new RobotVoice()) : null;
        Consumer<Input> fromMedia = robot == null ? engine : input -> {
            if (input instanceof Input.DtmfDigit d) {
                robot.onDtmf(d.callId(), d.digit()); // the robot's DTMF menu; the engine sees the digit too
            }
            engine.accept(input);
        };
        this.media = new MediaServer(config.media(), config.robot().language(), fromMedia, journal::audio);
        this.sip = new SipAdapter(config, engine, new SipMedia(), ids);
        this.asterisk = config.asterisk().enabled() ? new AsteriskAdapter(config, engine, ids) : null;
        if (config.http().enabled()) {
            Path dataDir = journalDir.toAbsolutePath().getParent();
            Map<String, Set<String>> skills = new HashMap<>();
            for (AgentSpec a : EngineSettings.of(config, Regions.embedded()).agents()) {
                skills.put(a.id(), a.skills().stream().map(Skill::name).collect(Collectors.toSet()));
            }
            this.http = HttpApi.start(config.http(), httpCards, journalDir, dataDir.resolve(config.http().auditLog()),
                    engine, Clock.systemUTC(), new HttpApi.CallBacks(ids::next, Map.copyOf(skills)));
        } else {
            this.http = null;
        }
        media.onDtmf((leg, call, digit) -> {
            String agent = agentLegs.get(leg);
            if (agent != null) {
                sip.agentDigit(call, agent, digit);
            }
        });
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ekc-ticker");
            t.setDaemon(true);
            return t;
        });
    }

    static Ekc start(EkcConfig config, Path journalDir) {
        Ekc ekc = new Ekc(config, journalDir);
        ekc.sip.start();
        if (ekc.asterisk != null) {
            ekc.asterisk.start();
        }
        ekc.ticker.scheduleAtFixedRate(() -> ekc.ring.publish(Input.Tick.INSTANCE), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return ekc;
    }

    int sipPort() {
        return sip.port();
    }

    /** On the dispatcher thread: one command to the adapter that carries it out. */
    private void route(Command c) {
        long call = c.callId();
        if (asterisk != null && asterisk.owns(c)) {
            asterisk.execute(c); // a call or an operator that lives on the PBX
            return;
        }
        if (c instanceof Command.PlayPrompt p) {
            if (deferUntilMedia(c)) {
                return;
            }
            media.play(call, p.prompt());
        } else if (c instanceof Command.StartRobot s) {
            if (deferUntilMedia(c)) {
                return;
            }
            media.listen(call, robot::onAudio);
            robot.start(call, s.language(), regions.get(call));
        } else if (c instanceof Command.StopRobot) {
            if (robot != null) {
                robot.stop(call);
            }
        } else if (c instanceof Command.HangUp) {
            media.stopPlayback(call);
            if (robot != null) {
                robot.stop(call);
            }
            sip.execute(c);
        } else if (c instanceof Command.Bridge b) {
            long leg = sip.agentLeg(call, b.agentId());
            if (leg >= 0) {
                agentLegs.put(leg, b.agentId());
                media.bridge(call, leg);
            }
        } else if (c instanceof Command.ReleaseAgent r) {
            agentLegs.values().remove(r.agentId());
            sip.execute(c);
        } else {
            sip.execute(c);
        }
    }

    /**
     * True when the command is not for now: it waits for the caller's media (dispatched again once
     * the leg is connected), or its call is over (dropped).
     */
    private boolean deferUntilMedia(Command c) {
        synchronized (awaitingMedia) {
            if (mediaReady.contains(c.callId())) {
                return false;
            }
            if (ended.contains(c.callId())) {
                return true;
            }
            awaitingMedia.computeIfAbsent(c.callId(), k -> new java.util.ArrayList<>()).add(c);
            return true;
        }
    }

    /** On the SIP lane or the engine thread: the call (or leg) is over; what waited for its media goes. */
    private void callEnded(long legId) {
        synchronized (awaitingMedia) {
            mediaReady.remove(legId);
            awaitingMedia.remove(legId);
            ended.add(legId);
        }
    }

    /** The SIP adapter's view of media: ports and peers for each leg. */
    private final class SipMedia implements MediaPorts {
        @Override
        public int allocate(long legId, long callId, boolean callerLeg) {
            return media.allocate(legId, callId, callerLeg);
        }

        @Override
        public void connect(long legId, String remoteHost, int remotePort, int payloadType, int telephoneEventPt) {
            media.connect(legId, remoteHost, remotePort, payloadType, telephoneEventPt);
            java.util.List<Command> waiting;
            synchronized (awaitingMedia) {
                if (!mediaReady.add(legId)) {
                    return; // a re-INVITE: already connected
                }
                waiting = awaitingMedia.remove(legId);
            }
            if (waiting == null) {
                return;
            }
            if (waiting.stream().allMatch(c -> c instanceof Command.PlayPrompt)) {
                // Prompts only (the greeting, robot off): played from here, in the order the engine gave them, as
                // route would (media.play only hands them to the leg's loop). Through the dispatcher they cost a
                // wake-up of its thread per call, and went behind the call's later commands already queued there.
                waiting.forEach(c -> media.play(c.callId(), ((Command.PlayPrompt) c).prompt()));
            } else {
                waiting.forEach(dispatcher::offer);
            }
        }

        @Override
        public void release(long legId) {
            callEnded(legId);
            media.release(legId);
        }

        @Override
        public String host() {
            return config.media().host();
        }
    }

    /** Yana speaks through the media server's playback on the caller's leg. */
    private final class RobotVoice implements Voice {
        @Override
        public void play(long callId, String prompt, Consumer<Boolean> onDone) {
            media.play(callId, prompt, onDone);
        }

        @Override
        public void stopPlayback(long callId) {
            media.stopPlayback(callId);
        }

        /** Where media finds prompts: the class path, then {@code <promptsDir>/<language>/<name>.wav} or {@code <promptsDir>/<name>.wav}. */
        @Override
        public boolean canSay(String prompt) {
            String dir = config.media().promptsDir();
            if (Voice.super.canSay(prompt)) {
                return true;
            }
            if (dir == null) {
                return false;
            }
            java.nio.file.Path root = java.nio.file.Path.of(dir);
            String name = prompt.substring(prompt.indexOf('/') + 1);
            return java.nio.file.Files.isRegularFile(root.resolve(prompt + ".wav")) || java.nio.file.Files.isRegularFile(root.resolve(name + ".wav"));
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        closeQuietly(sip);
        closeQuietly(asterisk);
        closeQuietly(http);
        closeQuietly(httpCards);
        closeQuietly(robot);
        ring.close();
        closeQuietly(dispatcher);
        closeQuietly(media);
        closeQuietly(journal);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("closing {}: {}", c.getClass().getSimpleName(), e.toString());
        }
    }
}
