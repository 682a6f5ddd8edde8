package ekc.engine;

import ekc.config.EkcConfig;
import ekc.config.Regions;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs on the engine thread. Owns every call, queue and operator; decides; tells adapters what to
 * do ({@link Command}) and records every decision as a {@link CardEvent}, both through one reused
 * {@link Output} slot given to an {@link OutputSink} (or as records to {@link Outputs}). Never reads a
 * clock: the time of each input is given, and timers (a {@link TimingWheel}) fire as that time
 * passes, each at its exact due millisecond. The same inputs always give the same outputs.
 *
 * <p>With the robot off ({@code robot.enabled: false}) a call is answered, greeted, told goodbye and
 * hung up (the walking skeleton). With the robot on, Yana takes the call and her outcome routes it:
 * to the second line of a participant and region (R3, R9), to the first line by topic (R4, R5), or
 * to the end. Operators get requests by the configured {@link Distribution}; SLAs are timers whose
 * breaches go on the card (R5, R19, R27); silence ends the service (R33, R34); unanswered requests
 * go on their line's call-back list (R28, R29); booked call-backs are deferred requests served first
 * (R20, R24, R25).
 */
public final class Engine implements EngineRing.Handler {

    public static final String GREETING = "greeting";
    public static final String GOODBYE = "goodbye";

    private static final String ROBOT_DONE = "робот завершил диалог";
    private static final String CALLER_LEFT = "абонент завершил вызов";
    /** Entries kept per line on the call-back list; the oldest go first when it is full. */
    /** How long a card waits, after the caller hung up on Yana, for her last utterance and RobotFinished. */
    static final long ROBOT_LAST_WORDS_MILLIS = 2_000;
    private static final int CALLBACK_LIST_LIMIT = 100_000;
    private static final int FREE_CARDS_LIMIT = 1 << 16;

    private final OutputSink out;
    /** The one output slot, refilled for every decision; the sink copies it before returning. */
    private final Output slot = new Output();
    private final EngineSettings settings;
    private final LongMap<Card> cards = new LongMap<>(1024);
    /** Closed cards kept for reuse (at most {@link #FREE_CARDS_LIMIT}): a new call takes one, no garbage. */
    private final ArrayDeque<Card> freeCards = new ArrayDeque<>();
    private final Map<String, Agent> agents = new LinkedHashMap<>();
    private final Map<String, SkillQueue> queuesByName = new HashMap<>();
    private final Map<Skill, SkillQueue> queues = new HashMap<>();
    private final Map<Line, ArrayDeque<UnansweredRequest>> callbackLists = new EnumMap<>(Line.class);
    /** Every request on a call-back list, by card: found in one lookup, and never listed twice. */
    private final LongMap<UnansweredRequest> listed = new LongMap<>(1024);
    /**
     * Region as written → as the region list spells it (or as written when unknown) and its second-line
     * queues: one lookup per routed call, without garbage.
     */
    private final Map<String, RegionEntry> regionEntries = new HashMap<>();
    /** Per participant (by ordinal): the first-line queue. */
    private final SkillQueue[] firstLines = new SkillQueue[Participant.values().length];
    private final TimingWheel wheel = new TimingWheel();
    private final TimingWheel.Firing firing = this::fire;
    private long now;
    private long places;

    /** The walking skeleton: robot off (whatever the config default is), no operators, the rules' SLAs. */
    public Engine(Outputs out) {
        this(out, EngineSettings.defaults().withRobot(false));
    }

    /** From the configuration, with the embedded regions. */
    public Engine(Outputs out, EkcConfig config) {
        this(out, EngineSettings.of(config, Regions.embedded()));
    }

    /** Decisions as records: one {@link Command} or {@link CardEvent} allocated per decision, on the engine thread. */
    public Engine(Outputs out, EngineSettings settings) {
        this(new RecordOutputs(out), settings);
    }

    /** Decisions in one reused {@link Output} slot: nothing allocated per decision. */
    public Engine(OutputSink out, EngineSettings settings) {
        this.out = out;
        this.settings = settings;
        for (Line l : Line.values()) {
            callbackLists.put(l, new ArrayDeque<>());
        }
        for (AgentSpec spec : settings.agents()) {
            if (agents.containsKey(spec.id())) {
                throw new IllegalArgumentException("agent id " + spec.id() + " is configured twice");
            }
            Agent a = new Agent(spec.id(), spec.name(), spec.extension(), spec.proficiency(), agents.size());
            agents.put(a.id, a);
            for (Skill s : spec.skills()) {
                SkillQueue q = queue(s);
                if (!a.queues.contains(q)) {
                    a.queues.add(q);
                    q.agents.add(a);
                }
            }
        }
    }

    // ------------------------------------------------------------------ inputs

    @Override
    public void onInput(long time, Input input) {
        long target = Math.max(now, time);
        wheel.advanceTo(target, firing);
        now = target;
        if (input instanceof Input.Tick) {
            return;
        }
        if (input instanceof Input.VoiceActivity v) {
            voice(v);
        } else if (input instanceof Input.CallOffered o) {
            offered(o);
        } else if (input instanceof Input.RobotFinished f) {
            robotFinished(f);
        } else if (input instanceof Input.AgentAnswered a) {
            agentAnswered(a);
        } else if (input instanceof Input.AgentHungUp h) {
            agentHungUp(h);
        } else if (input instanceof Input.WrapUpFinished w) {
            wrapUpFinished(w);
        } else if (input instanceof Input.CallerHungUp h) {
            callerHungUp(h);
        } else if (input instanceof Input.AgentRejected r) {
            agentRejected(r);
        } else if (input instanceof Input.TransferRequested t) {
            transfer(t);
        } else if (input instanceof Input.PromptFinished p) {
            promptFinished(p);
        } else if (input instanceof Input.RobotUtterance u) {
            Card c = cards.get(u.callId());
            if (c != null) {
                emit(slot.robotUtterance(c.id, now, u.text(), u.confidence()));
            }
        } else if (input instanceof Input.RobotSaid s) {
            Card c = cards.get(s.callId());
            if (c != null) {
                emit(slot.robotSaid(c.id, now, s.promptId(), s.text()));
            }
        } else if (input instanceof Input.OperatorNote n) {
            operatorNote(n);
        } else if (input instanceof Input.CallbackBooked b) {
            callbackBooked(b);
        } else if (input instanceof Input.AgentLoggedIn l) {
            loggedIn(agent(l.agentId()));
        } else if (input instanceof Input.AgentLoggedOut l) {
            loggedOut(l);
        } else if (input instanceof Input.AgentAvailability a) {
            availability(a);
        } else if (input instanceof Input.AgentRegistered r) {
            registered(r);
        } else if (input instanceof Input.AgentUnregistered u) {
            unregistered(u);
        } else if (input instanceof Input.SupervisorAssigned s) {
            supervisorAssigned(s);
        } else if (input instanceof Input.FirstLineAllowed f) {
            firstLineAllowed(f);
        } else if (input instanceof Input.DeferredRestored r) {
            restored(r);
        } else if (input instanceof Input.UnansweredCallBack u) {
            callBackUnanswered(u);
        } else if (input instanceof Input.UnansweredRestored u) {
            unansweredRestored(u);
        }
        // DtmfDigit: the robot and the media adapter act on digits; the engine has no use for them yet
    }

    @Override
    public void onEndOfBatch() {
        out.endOfBatch();
    }

    private void emit(Output o) {
        out.accept(o);
    }

    // ------------------------------------------------------------------ views (engine thread only)

    /** Cards not yet closed: calls in progress, wrap-ups pending, deferred requests waiting. */
    public int activeCalls() {
        return cards.size();
    }

    /** Engine time: the latest input's stamp, epoch millis. */
    public long now() {
        return now;
    }

    public EngineSettings settings() {
        return settings;
    }

    /** An operator's state; {@code null} for an unknown id. */
    public AgentState agentState(String agentId) {
        Agent a = agents.get(agentId);
        return a == null ? null : a.state;
    }

    /** Requests waiting for a skill (by {@link Skill#name()}). */
    public int queueLength(String skill) {
        SkillQueue q = queuesByName.get(skill);
        return q == null ? 0 : q.size();
    }

    /** Skills the engine has a queue for. */
    public List<String> skills() {
        List<String> l = new ArrayList<>(queuesByName.keySet());
        Collections.sort(l);
        return l;
    }

    /** R28, R29: the line's call-back list of unanswered requests, oldest first. */
    public List<UnansweredRequest> unanswered(Line line) {
        return List.copyOf(callbackLists.get(line));
    }

    /** Timers pending in the wheel; for tests of "nothing left behind". */
    public int pendingTimers() {
        return wheel.size();
    }

    java.util.Collection<Agent> agentList() {
        return agents.values();
    }

    java.util.Collection<Card> cardList() {
        return cards.values();
    }


    java.util.Collection<SkillQueue> queueList() {
        return queues.values();
    }

    // ------------------------------------------------------------------ calls and the robot

    private void offered(Input.CallOffered o) {
        if (cards.containsKey(o.callId())) {
            return; // a retransmitted offer is the same call
        }
        String region = region(o.region());
        Card c = freeCards.pollFirst();
        if (c == null) {
            c = new Card(o.callId(), o.caller(), region, o.channel(), now);
        } else {
            c.reuse(o.callId(), o.caller(), region, o.channel(), now);
        }
        cards.put(c.id, c);
        emit(slot.cardOpened(c.id, now, o.caller(), region, o.direction(), o.channel(), o.called()));
        emit(slot.answerCall(c.id));
        c.robotStart = now;
        emit(slot.robotDialogStarted(c.id, now));
        if (settings.robotEnabled()) {
            emit(slot.startRobot(c.id, settings.robotLanguage()));
        } else {
            play(c, GREETING);
        }
    }

    private void promptFinished(Input.PromptFinished p) {
        Card c = cards.get(p.callId());
        if (c == null || settings.robotEnabled() || c.phase != Card.Phase.ROBOT || !c.callUp) {
            return;
        }
        if (GREETING.equals(p.prompt())) {
            play(c, GOODBYE);
        } else if (GOODBYE.equals(p.prompt())) {
            emit(slot.robotDialogEnded(c.id, now, RobotOutcome.ANSWERED, null, now - c.robotStart));
            emit(slot.hangUp(c.id, "robot finished"));
            c.status = "answered-by-robot";
            c.reason = ROBOT_DONE;
            endCall(c, "robot");
        }
    }

    private void robotFinished(Input.RobotFinished f) {
        Card c = cards.get(f.callId());
        if (c != null && c.robotLeaving) {
            robotLeft(c);
            return;
        }
        if (c == null || c.phase != Card.Phase.ROBOT || !c.callUp) {
            return;
        }
        emit(slot.robotDialogEnded(c.id, now, f.outcome(), f.topic(), now - c.robotStart));
        RegionEntry written = f.region() == null ? null : regionEntry(f.region());
        String region = written == null ? null : written.name;
        if (c.region == null) {
            c.region = region;
        }
        Participant p = participant(f.participant());
        c.participant = p;
        switch (f.outcome()) {
            case ANSWERED, CALLER_DONE -> {
                emit(slot.hangUp(c.id, "robot finished"));
                c.status = "answered-by-robot";
                c.reason = f.outcome() == RobotOutcome.ANSWERED ? ROBOT_DONE : "абонент завершил диалог с роботом";
                endCall(c, "robot");
            }
            case CALLER_GONE -> {
                c.status = "caller-hung-up";
                c.reason = CALLER_LEFT;
                endCall(c, "caller gone");
            }
            case FIRST_LINE -> route(c, firstLine(p), "R5", settings.firstLineMillis());
            case SECOND_LINE -> {
                RegionEntry r = written != null ? written : c.region == null ? null : regionEntry(c.region);
                SkillQueue second = r == null ? null : secondLine(p, r);
                if (second != null && !second.agents.isEmpty()) {
                    route(c, second, "R19", settings.transferMillis()); // R3, R9
                } else {
                    // no second line for that region (or no region): the first line takes it, and may transfer (R17)
                    route(c, firstLine(p), "R5", settings.firstLineMillis());
                }
            }
        }
    }

    private String region(String written) {
        return written == null ? null : regionEntry(written).name;
    }

    private RegionEntry regionEntry(String written) {
        RegionEntry e = regionEntries.get(written);
        if (e == null) {
            e = new RegionEntry(settings.regions().find(written).map(r -> r.name()).orElse(written));
            if (regionEntries.size() > 10_000) {
                regionEntries.clear(); // odd spellings from callers must not grow it without end
            }
            regionEntries.put(written, e);
        }
        return e;
    }

    /** A region's name as the region list spells it, and its second-line queues by participant, made when first asked. */
    private static final class RegionEntry {
        final String name;
        final SkillQueue[] secondLines = new SkillQueue[Participant.values().length];

        RegionEntry(String name) {
            this.name = name;
        }
    }

    private SkillQueue firstLine(Participant p) {
        SkillQueue q = firstLines[p.ordinal()];
        if (q == null) {
            q = queue(Skill.firstLine(p));
            firstLines[p.ordinal()] = q;
        }
        return q;
    }

    private SkillQueue secondLine(Participant p, RegionEntry region) {
        SkillQueue q = region.secondLines[p.ordinal()];
        if (q == null) {
            q = queue(Skill.secondLine(p, region.name));
            region.secondLines[p.ordinal()] = q;
        }
        return q;
    }

    private Participant participant(String code) {
        if (code == null || code.isBlank()) {
            return settings.defaultParticipant();
        }
        try {
            return Participant.of(code);
        } catch (IllegalArgumentException e) {
            return settings.defaultParticipant();
        }
    }

    /** To a queue with a connect SLA, or unanswered at once when nobody could ever take it (R28). */
    private void route(Card c, SkillQueue q, String rule, long limit) {
        if (q.agents.isEmpty()) {
            c.queue = q;
            String reason = "нет операторов с навыком " + q.name;
            emit(slot.hangUp(c.id, "no operators for " + q.name));
            unanswered(c, reason);
            endCall(c, "not routed");
            return;
        }
        enqueue(c, q, rule, limit);
    }

    private void enqueue(Card c, SkillQueue q, String rule, long limit) {
        c.phase = Card.Phase.QUEUED;
        if (c.seq == 0) {
            c.seq = ++places;
        }
        c.queuedAt = now;
        c.slaRule = rule;
        if (rule != null) {
            c.slaStart = now;
            c.slaLimit = limit;
            wheel.schedule(c.slaTimer, now + limit + 1); // a breach is a wait of more than the limit
        }
        emit(slot.queued(c.id, now, q.name, c.priority));
        q.add(c);
        dispatch(q);
    }

    private void callerHungUp(Input.CallerHungUp h) {
        Card c = cards.get(h.callId());
        if (c == null || !c.callUp) {
            return;
        }
        switch (c.phase) {
            case ROBOT -> {
                if (settings.robotEnabled()) {
                    emit(slot.stopRobot(c.id));
                    // Yana answers StopRobot with what she heard of an utterance the hang-up cut off, then her
                    // RobotFinished; the card stays open for those, a little while at most
                    c.robotLeaving = true;
                    wheel.schedule(c.robotTimer, now + ROBOT_LAST_WORDS_MILLIS);
                }
                emit(slot.robotDialogEnded(c.id, now, RobotOutcome.CALLER_GONE, null, now - c.robotStart));
                c.status = "caller-hung-up";
                c.reason = CALLER_LEFT;
            }
            case QUEUED -> {
                unqueue(c);
                unanswered(c, c.callback ? "абонент недоступен для обратного звонка" : "абонент не дождался оператора");
            }
            case RINGING -> {
                Agent a = c.agent;
                wheel.cancel(c.ringTimer);
                emit(slot.cancelAgent(c.id, a.id));
                c.agent = null;
                free(a);
                unanswered(c, c.callback ? "абонент не ответил на обратный звонок" : "абонент не дождался оператора");
            }
            case TALKING -> {
                emit(slot.hangUp(c.id, "caller hung up"));
                release(c);
                c.reason = CALLER_LEFT;
            }
            case ENDED -> {
                return;
            }
        }
        endCall(c, h.cause());
    }

    /** The citizen's leg is over; the card closes when wrap-ups and any call-back are done. */
    private void endCall(Card c, String cause) {
        wheel.cancel(c.ringTimer);
        wheel.cancel(c.slaTimer);
        wheel.cancel(c.silenceTimer);
        wheel.cancel(c.warnTimer);
        c.callUp = false;
        c.phase = Card.Phase.ENDED;
        c.agent = null;
        emit(slot.callEnded(c.id, now, cause));
        if (c.deferred && c.callbackDue) {
            queueCallback(c);
            return;
        }
        maybeClose(c);
    }

    /** Yana has said her last (or was given up on): a card left only for her closes now. */
    private void robotLeft(Card c) {
        c.robotLeaving = false;
        wheel.cancel(c.robotTimer);
        maybeClose(c);
    }

    private void maybeClose(Card c) {
        if (c.closed || c.callUp || c.pendingWrapUps > 0 || c.deferred || c.robotLeaving) {
            return;
        }
        c.closed = true;
        cards.remove(c.id);
        wheel.cancel(c.deadlineTimer);
        wheel.cancel(c.callbackTimer);
        emit(slot.cardClosed(c.id, now, c.status, c.reason, now - c.opened));
        if (c.free() && freeCards.size() < FREE_CARDS_LIMIT) {
            freeCards.addLast(c);
        }
    }

    /** R28: could not be routed, or the caller left before an operator; onto the line's call-back list (R29). */
    private void unanswered(Card c, String reason) {
        c.status = "unanswered";
        c.reason = reason;
        c.deferred = false;
        String skill = c.queue != null ? c.queue.name : null;
        Line line = c.queue != null ? c.queue.skill.line() : Line.FIRST;
        emit(slot.unanswered(c.id, now, reason, skill));
        list(new UnansweredRequest(c.id, c.caller, c.region, skill, line, now, reason));
    }

    /** Onto its line's call-back list, the oldest leaving a full one. */
    private void list(UnansweredRequest r) {
        ArrayDeque<UnansweredRequest> list = callbackLists.get(r.line());
        if (list.size() == CALLBACK_LIST_LIMIT) {
            listed.remove(list.pollFirst().card());
        }
        list.addLast(r);
        listed.put(r.card(), r);
    }

    private void play(Card c, String prompt) {
        emit(slot.promptPlayed(c.id, now, prompt));
        emit(slot.playPrompt(c.id, prompt));
    }

    // ------------------------------------------------------------------ distribution

    private SkillQueue queue(Skill s) {
        SkillQueue q = queues.get(s);
        if (q == null) {
            q = new SkillQueue(s);
            queues.put(s, q);
            queuesByName.put(q.name, q);
        }
        return q;
    }

    /** Give waiting requests of {@code q} to idle operators while both exist. */
    private void dispatch(SkillQueue q) {
        while (!q.isEmpty() && q.idleAgents > 0) {
            Agent a = best(q);
            if (a == null) {
                return;
            }
            ring(a, q.poll());
        }
    }

    private Agent best(SkillQueue q) {
        Agent best = null;
        List<Agent> list = q.agents;
        for (int i = 0, n = list.size(); i < n; i++) {
            Agent a = list.get(i);
            if (a.idle() && (best == null || better(a, best))) {
                best = a;
            }
        }
        return best;
    }

    private boolean better(Agent a, Agent b) {
        switch (settings.distribution()) {
            case FEWEST_CALLS -> {
                if (a.answered != b.answered) {
                    return a.answered < b.answered;
                }
            }
            case PROFICIENCY -> {
                if (a.proficiency != b.proficiency) {
                    return a.proficiency > b.proficiency;
                }
            }
            default -> { }
        }
        if (a.idleSince != b.idleSince) {
            return a.idleSince < b.idleSince;
        }
        return a.order < b.order;
    }

    /** An idle operator takes the best request waiting for them, if any: their assigned ones first (R24). */
    private void offerWork(Agent a) {
        if (!a.idle()) {
            return;
        }
        Card assigned = a.assigned.pollFirst();
        if (assigned != null) {
            ring(a, assigned);
            return;
        }
        SkillQueue from = null;
        for (int i = 0, n = a.queues.size() + a.borrowed.size(); i < n; i++) {
            SkillQueue q = i < a.queues.size() ? a.queues.get(i) : a.borrowed.get(i - a.queues.size());
            Card head = q.peek();
            if (head != null && (from == null || SkillQueue.before(head, from.peek()))) {
                from = q;
            }
        }
        if (from != null) {
            ring(a, from.poll());
        }
    }

    private void ring(Agent a, Card c) {
        c.phase = Card.Phase.RINGING;
        c.agent = a;
        a.card = c;
        setState(a, AgentState.RESERVED, "");
        emit(slot.agentRinging(c.id, now, a.id, c.queue.name));
        if (c.callback) {
            emit(slot.dialCitizen(c.id, a.id, c.caller)); // R20, R29: outbound
        } else {
            emit(slot.ringAgent(c.id, a.id, a.contact()));
        }
        wheel.schedule(c.ringTimer, now + settings.ringNoAnswerMillis());
    }

    /** Back where it stood: the head of its queue, or its operator's assigned list. */
    private void requeue(Card c) {
        c.agent = null;
        c.phase = Card.Phase.QUEUED;
        if (c.assigned != null) {
            c.assigned.assigned.addFirst(c);
            offerWork(c.assigned);
        } else {
            c.queue.add(c);
            dispatch(c.queue);
        }
    }

    private void unqueue(Card c) {
        if (!c.queue.remove(c) && c.assigned != null) {
            c.assigned.assigned.remove(c);
        }
    }

    // ------------------------------------------------------------------ operators' legs

    private void agentAnswered(Input.AgentAnswered in) {
        Card c = cards.get(in.callId());
        if (c == null || c.phase != Card.Phase.RINGING || !c.agent.id.equals(in.agentId())) {
            return; // late: the ring was already cancelled
        }
        Agent a = c.agent;
        wheel.cancel(c.ringTimer);
        wheel.cancel(c.slaTimer);
        if (!c.callback) {
            emit(slot.bridge(c.id, a.id));
        } else {
            wheel.cancel(c.deadlineTimer); // R27 met: the deferred request is being answered
            c.deferred = false;
        }
        c.phase = Card.Phase.TALKING;
        c.line = c.queue.skill.line();
        c.talkStart = now;
        c.connectedOnce = true;
        a.answered++;
        setState(a, AgentState.TALKING, "");
        emit(slot.operatorConnected(c.id, now, a.id, a.name, a.extension, c.queue.name, c.line, now - c.queuedAt));
        silence(c);
    }

    private void agentRejected(Input.AgentRejected r) {
        Card c = cards.get(r.callId());
        if (c == null || c.phase != Card.Phase.RINGING || !c.agent.id.equals(r.agentId())) {
            return;
        }
        missed(c, r.cause() != null ? r.cause() : "rejected");
    }

    /** The operator did not take it: Not Ready (like autopause), the request back to the head of its queue. */
    private void missed(Card c, String cause) {
        Agent a = c.agent;
        wheel.cancel(c.ringTimer);
        emit(slot.agentMissed(c.id, now, a.id, cause));
        a.card = null;
        setState(a, AgentState.NOT_READY, "не ответил на вызов: " + cause);
        requeue(c);
    }

    private void agentHungUp(Input.AgentHungUp h) {
        Card c = cards.get(h.callId());
        if (c == null || c.phase != Card.Phase.TALKING || !c.agent.id.equals(h.agentId())) {
            return;
        }
        emit(slot.hangUp(c.id, "operator ended the call"));
        release(c);
        endCall(c, "operator hung up");
    }

    /** The operator's part of the call is over: to wrap-up (post-processing), which the card records (R30). */
    private void release(Card c) {
        Agent a = c.agent;
        emit(slot.operatorReleased(c.id, now, a.id, now - c.talkStart));
        c.agent = null;
        a.card = null;
        a.wrapCard = c;
        a.wrapStart = now;
        c.pendingWrapUps++;
        setState(a, AgentState.WRAP_UP, "");
        emit(slot.wrapUpStarted(c.id, now, a.id));
    }

    private void wrapUpFinished(Input.WrapUpFinished w) {
        Agent a = agents.get(w.agentId());
        if (a == null || a.state != AgentState.WRAP_UP) {
            return;
        }
        Card c = a.wrapCard;
        a.wrapCard = null;
        emit(slot.wrapUpEnded(c.id, now, a.id, now - a.wrapStart));
        c.pendingWrapUps--;
        maybeClose(c);
        free(a);
    }

    /** The operator holds nothing any more: Ready (and offered work), or what they asked for meanwhile. */
    private void free(Agent a) {
        a.card = null;
        AgentState next = a.after != null ? a.after : AgentState.READY;
        String reason = a.afterReason != null ? a.afterReason : "";
        a.after = null;
        a.afterReason = null;
        a.idleSince = now;
        setState(a, next, reason);
        offerWork(a);
    }

    private void transfer(Input.TransferRequested t) {
        Card c = cards.get(t.callId());
        if (c == null || c.phase != Card.Phase.TALKING || !c.agent.id.equals(t.agentId())) {
            return;
        }
        Agent a = c.agent;
        SkillQueue target;
        try {
            target = queue(EngineSettings.canonical(Skill.parse(t.target()), settings.regions()));
        } catch (IllegalArgumentException e) {
            emit(slot.warnAgent(c.id, a.id, "перевод невозможен: " + e.getMessage()));
            return;
        }
        if (target.agents.isEmpty()) {
            emit(slot.warnAgent(c.id, a.id, "перевод невозможен: нет операторов с навыком " + target.name));
            return;
        }
        emit(slot.transferRequested(c.id, now, a.id, c.queue.name, target.name));
        emit(slot.releaseAgent(c.id, a.id));
        wheel.cancel(c.silenceTimer);
        wheel.cancel(c.warnTimer);
        release(c);
        enqueue(c, target, "R19", settings.transferMillis()); // R16, R17, R19: one card (R6)
    }

    // ------------------------------------------------------------------ silence (R33, R34)

    private void voice(Input.VoiceActivity v) {
        Card c = cards.get(v.callId());
        if (c == null || c.phase != Card.Phase.TALKING) {
            return;
        }
        if (v.speaking()) {
            wheel.cancel(c.silenceTimer);
            wheel.cancel(c.warnTimer);
        } else {
            silence(c);
        }
    }

    private void silence(Card c) {
        wheel.schedule(c.silenceTimer, now + silenceLimit(c) + 1); // "more than" the limit
    }

    private long silenceLimit(Card c) {
        return c.channel == Channel.TEXT ? settings.textSilenceMillis() : settings.voiceSilenceMillis();
    }

    private void operatorActed(Card c) {
        if (c.warnTimer.pending()) {
            wheel.cancel(c.warnTimer);
            silence(c);
        }
    }

    private void operatorNote(Input.OperatorNote n) {
        Card c = cards.get(n.callId());
        if (c == null) {
            return;
        }
        emit(slot.operatorNote(c.id, now, n.agentId(), n.fields()));
        if (c.phase == Card.Phase.TALKING && c.agent.id.equals(n.agentId())) {
            operatorActed(c);
        }
    }

    // ------------------------------------------------------------------ deferred requests (R20, R24, R25, R27)

    private void callbackBooked(Input.CallbackBooked b) {
        Card c = cards.get(b.callId());
        Agent a = agents.get(b.agentId());
        if (c == null || a == null || (a.card != c && a.wrapCard != c) || c.deferred) {
            return;
        }
        emit(slot.callbackBooked(c.id, now, a.id, b.at(), b.note()));
        c.deferred = true;
        c.callbackDue = false;
        c.registeredAt = now;
        ZoneId zone = settings.regions().zone(c.region, settings.defaultZone());
        c.deadline = settings.calendar().plusWorking(now, settings.deferredWorkingMillis(), zone);
        wheel.schedule(c.deadlineTimer, c.deadline + 1);
        wheel.schedule(c.callbackTimer, Math.max(b.at(), now + 1));
        if (c.phase == Card.Phase.TALKING) {
            operatorActed(c);
        }
    }

    private void queueCallback(Card c) {
        c.callbackDue = false;
        c.callback = true;
        c.callUp = true;
        c.priority = Card.PRIORITY_DEFERRED; // R25; the request keeps its original place number
        c.status = "served";
        c.reason = "обратный звонок";
        if (c.assigned != null) {
            c.phase = Card.Phase.QUEUED;
            c.queuedAt = now;
            c.slaRule = null;
            emit(slot.queued(c.id, now, c.queue.name, c.priority));
            c.assigned.assigned.addLast(c);
            offerWork(c.assigned);
        } else {
            enqueue(c, c.queue, null, 0);
        }
    }

    private void supervisorAssigned(Input.SupervisorAssigned s) {
        Card c = cards.get(s.callId());
        Agent a = agents.get(s.agentId());
        if (c == null || a == null || (!c.deferred && !c.callback)) {
            return;
        }
        emit(slot.supervisorAssigned(c.id, now, a.id)); // so a restart gives it back to them
        if (c.phase == Card.Phase.QUEUED && (c.callback || c.assigned != null)) {
            unqueue(c); // out of its queue, or out of the list of the operator it was assigned to before
            c.assigned = a;
            a.assigned.addLast(c);
            offerWork(a);
        } else {
            c.assigned = a; // the call-back, when due (or if it comes back), waits for this operator only
        }
    }

    /** After a restart: a deferred request as its card left it; its call is over, its call-back still to come. */
    private void restored(Input.DeferredRestored r) {
        if (cards.containsKey(r.callId())) {
            return;
        }
        SkillQueue q;
        try {
            q = r.skill() == null ? null : queue(EngineSettings.canonical(Skill.parse(r.skill()), settings.regions()));
        } catch (IllegalArgumentException e) {
            q = null;
        }
        if (q == null) {
            // nowhere to call back from: closed with the reason rather than left open for ever
            emit(slot.cardClosed(r.callId(), now, "interrupted",
                    "EKC stopped; the call-back could not be restored: unknown skill " + r.skill(), Math.max(0, now - r.opened())));
            return;
        }
        Card c = new Card(r.callId(), r.caller(), region(r.region()), r.channel(), r.opened());
        cards.put(c.id, c);
        c.callUp = false;
        c.phase = Card.Phase.ENDED;
        c.queue = q;
        c.seq = ++places; // restored in their original order, before any new call: each keeps its place (R25)
        c.deferred = true;
        c.registeredAt = r.registeredAt();
        ZoneId zone = settings.regions().zone(c.region, settings.defaultZone());
        c.deadline = settings.calendar().plusWorking(c.registeredAt, settings.deferredWorkingMillis(), zone);
        if (!r.deadlineReported()) {
            wheel.schedule(c.deadlineTimer, c.deadline + 1); // past already: the breach is recorded now
        }
        c.assigned = r.assignedAgentId() == null ? null : agents.get(r.assignedAgentId());
        if (r.callbackAt() <= now) {
            queueCallback(c);
        } else {
            wheel.schedule(c.callbackTimer, r.callbackAt());
        }
    }

    /**
     * R29: an operator of the line calls an unanswered caller back. The request leaves its list; the call is a
     * new outbound card, waiting for that operator only, with a call-back's priority (R25); EKC rings the
     * operator, then dials the number on the request's card. A call-back the citizen does not answer is
     * unanswered again, and back on the list under its new card.
     */
    private void callBackUnanswered(Input.UnansweredCallBack u) {
        Agent a = agents.get(u.agentId());
        if (a == null || a.state == AgentState.LOGGED_OUT || cards.containsKey(u.callId())) {
            return;
        }
        UnansweredRequest r = listed.get(u.request());
        if (r == null) {
            return; // not on a list: called back already, or never unanswered
        }
        SkillQueue q = r.skill() == null ? null : queuesByName.get(r.skill());
        if (q == null) {
            // no skill on the request (the caller left before routing): any queue of the operator's on its line
            for (SkillQueue s : a.queues) {
                if (s.skill.line() == r.line()) {
                    q = s;
                    break;
                }
            }
        } else if (!a.queues.contains(q) && !a.borrowed.contains(q)) {
            q = null; // each line calls back its own, and only an operator who has the request's skill
        }
        if (q == null) {
            return;
        }
        callbackLists.get(r.line()).remove(r);
        listed.remove(r.card());
        Card c = new Card(u.callId(), r.caller(), r.region(), Channel.VOICE, now);
        cards.put(c.id, c);
        emit(slot.cardOpened(c.id, now, r.caller(), r.region(), Direction.OUTBOUND, Channel.VOICE, null));
        emit(slot.callbackOf(c.id, now, a.id, r.card()));
        emit(slot.calledBack(r.card(), now, a.id, c.id));
        c.callUp = false;
        c.phase = Card.Phase.ENDED;
        c.queue = q;
        c.seq = ++places;
        c.assigned = a;
        queueCallback(c);
    }

    /** After a restart: an unanswered request back on its line's call-back list (R29). */
    private void unansweredRestored(Input.UnansweredRestored u) {
        Line line = Line.FIRST;
        if (u.skill() != null) {
            try {
                line = Skill.parse(u.skill()).line();
            } catch (IllegalArgumentException e) {
                // an unknown spelling: the first line's list, as for a request never routed
            }
        }
        if (!listed.containsKey(u.card())) {
            list(new UnansweredRequest(u.card(), u.caller(), region(u.region()), u.skill(), line, u.time(), u.reason()));
        }
    }

    // ------------------------------------------------------------------ operators' states

    private Agent agent(String id) {
        Agent a = agents.get(id);
        if (a == null) {
            // not configured: may log in, but has no skills, so is never offered a request
            a = new Agent(id, id, id, 1, agents.size());
            agents.put(id, a);
        }
        return a;
    }

    private void loggedIn(Agent a) {
        if (a.state == AgentState.LOGGED_OUT) {
            a.idleSince = now;
            setState(a, AgentState.READY, "");
            offerWork(a);
        } else if (a.after == AgentState.LOGGED_OUT) {
            a.after = null;
        }
    }

    private void loggedOut(Input.AgentLoggedOut l) {
        Agent a = agents.get(l.agentId());
        if (a == null) {
            return;
        }
        toward(a, AgentState.LOGGED_OUT, l.reason());
    }

    private void availability(Input.AgentAvailability in) {
        Agent a = agents.get(in.agentId());
        if (a == null || a.state == AgentState.LOGGED_OUT) {
            return;
        }
        if (in.ready()) {
            if (a.state == AgentState.NOT_READY) {
                a.idleSince = now;
                setState(a, AgentState.READY, "");
                offerWork(a);
            } else {
                a.after = null;
                a.afterReason = null;
            }
        } else {
            toward(a, AgentState.NOT_READY, in.reason());
        }
    }

    /** Not Ready or Logged Out: now when free or ringing (the request goes back), after the call otherwise. */
    private void toward(Agent a, AgentState s, String reason) {
        String why = reason != null ? reason : "";
        switch (a.state) {
            case READY, NOT_READY, LOGGED_OUT -> setState(a, s, why);
            case RESERVED -> {
                Card c = a.card;
                emit(slot.cancelAgent(c.id, a.id));
                missed(c, why.isEmpty() ? s.name() : why);
                setState(a, s, why);
            }
            case TALKING, WRAP_UP -> {
                a.after = s;
                a.afterReason = why;
            }
        }
    }

    private void registered(Input.AgentRegistered r) {
        Agent a = agent(r.agentId());
        a.contact = r.contact();
        setReachable(a, true);
        if (settings.loginOnRegister() && a.state == AgentState.LOGGED_OUT) {
            loggedIn(a);
        } else {
            offerWork(a);
        }
    }

    private void unregistered(Input.AgentUnregistered u) {
        Agent a = agents.get(u.agentId());
        if (a == null) {
            return;
        }
        if (a.state == AgentState.RESERVED) {
            Card c = a.card;
            emit(slot.cancelAgent(c.id, a.id));
            missed(c, "unregistered: " + u.reason());
        }
        setReachable(a, false);
    }

    private void firstLineAllowed(Input.FirstLineAllowed f) {
        Agent a = agents.get(f.agentId());
        if (a == null) {
            return;
        }
        if (f.allowed()) {
            for (SkillQueue q : new ArrayList<>(a.queues)) {
                if (q.skill.line() != Line.SECOND) {
                    continue;
                }
                SkillQueue first = queue(Skill.firstLine(q.skill.participant()));
                if (!a.queues.contains(first) && !a.borrowed.contains(first)) {
                    a.borrowed.add(first);
                    first.agents.add(a);
                    if (a.idle()) {
                        first.idleAgents++;
                    }
                }
            }
            offerWork(a);
        } else {
            for (SkillQueue q : a.borrowed) {
                q.agents.remove(a);
                if (a.idle()) {
                    q.idleAgents--;
                }
            }
            a.borrowed.clear();
        }
    }

    private void setState(Agent a, AgentState s, String reason) {
        boolean was = a.idle();
        a.state = s;
        a.reason = reason;
        idleChanged(a, was);
    }

    private void setReachable(Agent a, boolean reachable) {
        boolean was = a.idle();
        a.reachable = reachable;
        idleChanged(a, was);
    }

    private void idleChanged(Agent a, boolean was) {
        boolean is = a.idle();
        if (was == is) {
            return;
        }
        int d = is ? 1 : -1;
        for (int i = 0, n = a.queues.size(); i < n; i++) {
            a.queues.get(i).idleAgents += d;
        }
        for (int i = 0, n = a.borrowed.size(); i < n; i++) {
            a.borrowed.get(i).idleAgents += d;
        }
    }

    // ------------------------------------------------------------------ timers

    private void fire(Timer t, long due) {
        now = due;
        Card c = t.card;
        if (c.closed) {
            return;
        }
        switch (t.kind) {
            case RING_NO_ANSWER -> {
                if (c.phase == Card.Phase.RINGING) {
                    emit(slot.cancelAgent(c.id, c.agent.id));
                    missed(c, "no answer");
                }
            }
            case CONNECT_SLA -> emit(slot.slaBreached(c.id, now, c.slaRule, c.slaLimit, now - c.slaStart));
            case ROBOT_LEAVING -> {
                if (c.robotLeaving) {
                    robotLeft(c); // Yana did not answer the StopRobot in time: the card closes without her
                }
            }
            case SILENCE -> {
                if (c.phase == Card.Phase.TALKING) {
                    emit(slot.warnAgent(c.id, c.agent.id,
                            "абонент молчит более " + silenceLimit(c) / 1000 + " с (R33): обслуживание будет завершено"));
                    wheel.schedule(c.warnTimer, now + settings.closeWarningMillis());
                }
            }
            case CLOSE_WARNING -> {
                if (c.phase == Card.Phase.TALKING) {
                    String reason = "абонент не отвечал более " + silenceLimit(c) / 1000
                            + " с (R33); оператор не завершил обслуживание, закрыто системой (R34)";
                    emit(slot.hangUp(c.id, "caller silent"));
                    release(c);
                    c.status = "interrupted";
                    c.reason = reason;
                    endCall(c, "silence");
                }
            }
            case DEFERRED_DEADLINE -> {
                if (c.deferred) {
                    emit(slot.slaBreached(c.id, now, "R27", c.deadline - c.registeredAt, now - c.registeredAt));
                }
            }
            case CALLBACK_DUE -> {
                if (!c.deferred) {
                    return;
                }
                if (c.callUp) {
                    c.callbackDue = true; // the first call is still going: call back after it
                } else {
                    queueCallback(c);
                }
            }
        }
    }
}
