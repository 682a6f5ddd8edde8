package ekc.app.simulate;

import ekc.app.simulate.generator.Arrivals;
import ekc.app.simulate.generator.Draw;
import ekc.app.simulate.generator.Shift;
import ekc.app.simulate.report.QueueStats;
import ekc.app.simulate.report.Report;
import ekc.app.simulate.scenario.Scenario;
import ekc.config.Region;
import ekc.config.Regions;
import ekc.engine.AgentSpec;
import ekc.engine.CardEvent;
import ekc.engine.Channel;
import ekc.engine.Command;
import ekc.engine.Direction;
import ekc.engine.Engine;
import ekc.engine.EngineSettings;
import ekc.engine.Input;
import ekc.engine.Line;
import ekc.engine.Outputs;
import ekc.engine.Participant;
import ekc.engine.RobotOutcome;
import ekc.engine.Skill;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.ObjDoubleConsumer;

/**
 * Runs on the calling thread. A discrete-event simulation of a contact centre around the real
 * {@link Engine}: citizens arrive (Poisson by hour), Yana decides, operators log in by shift, pick
 * up, talk, transfer, wrap up; callers give up after their patience. Every engine input is given
 * its virtual time, and the engine's commands and card facts drive what happens next, so the
 * figures are the engine's own decisions. The same scenario and seed give the same report.
 */
public final class Simulation implements Outputs {

    private static final int ARRIVE = 0;
    private static final int ROBOT_DONE = 1;
    private static final int ANSWER = 2;
    private static final int TALK_END = 3;
    private static final int ABANDON = 4;
    private static final int WRAP_END = 5;
    private static final int LOGIN = 6;
    private static final int LOGOUT = 7;
    private static final int VOICE = 8;

    /** A scheduled happening; {@code token} must still match the call's for ring, talk and patience events. */
    private record Event(long time, long seq, int type, Call call, String agent, int token) {}

    /** The simulator's knowledge of one call. */
    private static final class Call {
        final long id;
        final long arrival;
        final RobotOutcome outcome;
        final Participant participant;
        final String region;
        final long robotMillis;
        final boolean counted;
        int ringToken;
        int waitToken;
        int talkToken;
        boolean connected;
        boolean transferred;
        String skill;
        String agent;
        Line line;

        Call(long id, long arrival, RobotOutcome outcome, Participant participant, String region, long robotMillis, boolean counted) {
            this.id = id;
            this.arrival = arrival;
            this.outcome = outcome;
            this.participant = participant;
            this.region = region;
            this.robotMillis = robotMillis;
            this.counted = counted;
        }
    }

    private final Scenario scenario;
    private final Draw draw;
    private final Engine engine;
    private final long start;
    private final long end;
    private final long warmupEnd;
    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.time != b.time
            ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private final Map<Long, Call> calls = new HashMap<>();
    private final QueueStats total = new QueueStats();
    private final Map<String, QueueStats> queues = new HashMap<>();
    /** The calls that arrived in each hour of the run, for the chart; operators' staffed time by hour. */
    private final QueueStats[] hours;
    private final Map<String, String> agentSkill = new HashMap<>();
    private final Arrivals arrivals;
    private final Participant[] participants;
    private final double[] participantWeights;
    private final List<Region> regions;
    private long seq;
    private long now;
    private long offered;

    public Simulation(Scenario scenario, long seed, Regions regionList) {
        this.scenario = scenario;
        this.draw = new Draw(seed);
        this.regions = regionList.all();
        ZoneId zone = ZoneId.of(scenario.zone());
        this.start = LocalDate.parse(scenario.date()).atStartOfDay(zone).toInstant().toEpochMilli();
        this.end = start + Math.round(scenario.hours() * 3_600_000.0);
        this.warmupEnd = start + Math.round(scenario.warmupSeconds() * 1000.0);
        this.participants = new Participant[scenario.topics().size()];
        double[] w = new double[participants.length];
        int i = 0;
        for (Map.Entry<String, Double> e : new java.util.TreeMap<>(scenario.topics()).entrySet()) {
            participants[i] = Participant.of(e.getKey());
            w[i++] = e.getValue();
        }
        this.participantWeights = Draw.cumulative(w);
        this.arrivals = new Arrivals(scenario.perHour(), end - start, draw);
        this.hours = new QueueStats[(int) Math.max(1, Math.ceil(scenario.hours()))];
        java.util.Arrays.setAll(hours, k -> new QueueStats());
        this.engine = new Engine(this, EngineSettings.defaults().withRobot(true).withAgents(agents(regionList)));
    }

    /** The operators of every group (regional groups once per region), each logged in and out by shift. */
    private List<AgentSpec> agents(Regions regionList) {
        List<AgentSpec> specs = new ArrayList<>();
        int g = 0;
        for (Scenario.Group group : scenario.groups()) {
            g++;
            List<String> regionNames = group.perRegion() ? regionList.names() : java.util.Collections.singletonList(null);
            for (String region : regionNames) {
                List<Skill> skills = new ArrayList<>();
                for (String s : group.skills()) {
                    String name = region == null ? s : s.replace("{region}", region);
                    try {
                        skills.add(Skill.parse(name));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("group '" + group.name() + "': " + e.getMessage(), e);
                    }
                }
                int[] perShift = Shift.split(group.agents(), group.shifts());
                int n = 0;
                for (int s = 0; s < perShift.length; s++) {
                    Shift shift = group.shifts().get(s);
                    for (int k = 0; k < perShift[s]; k++) {
                        String id = "g" + g + (region == null ? "" : "r" + regionNames.indexOf(region)) + "-" + (++n);
                        specs.add(new AgentSpec(id, group.name() + " " + n, id, skills, group.proficiency()));
                        long in = start + shift.fromMillis();
                        long out = start + shift.toMillis();
                        schedule(in, LOGIN, null, id, 0);
                        if (out < end + drainMillis()) {
                            schedule(out, LOGOUT, null, id, 0);
                        }
                        double staffed = Math.max(0, Math.min(out, end) - Math.max(in, Math.max(start, warmupEnd)));
                        total.staffed(staffed);
                        staffHours(Math.max(in, Math.max(start, warmupEnd)), Math.min(out, end));
                        for (Skill sk : skills) {
                            stats(sk.name()).staffed(staffed / skills.size());
                        }
                    }
                }
            }
        }
        return specs;
    }

    /** An operator's logged-in time, spread over the hours it covers. */
    private void staffHours(long from, long to) {
        for (int h = 0; h < hours.length && from < to; h++) {
            long hourStart = start + h * 3_600_000L;
            long overlap = Math.min(to, hourStart + 3_600_000L) - Math.max(from, hourStart);
            if (overlap > 0) {
                hours[h].staffed(overlap);
            }
        }
    }

    /** The hour of the run {@code time} falls in, or null once the arrival period is over. */
    private QueueStats hourAt(long time) {
        long h = (time - start) / 3_600_000L;
        return h >= 0 && h < hours.length ? hours[(int) h] : null;
    }

    /** After the arrival period, calls still in the system get this long to finish. */
    private static long drainMillis() {
        return 6 * 3_600_000L;
    }

    /** Runs to the end; {@code progress} gets the fraction of the period done and the calls offered so far. */
    public Report run(ObjDoubleConsumer<Long> progress) {
        scheduleNextArrival();
        long stop = end + drainMillis();
        long reportEvery = Math.max(1, (end - start) / 200);
        long nextReport = start;
        Event e;
        while ((e = events.poll()) != null && e.time <= stop) {
            now = e.time;
            if (progress != null && now >= nextReport) {
                progress.accept(offered, Math.min(1.0, (double) (now - start) / (end - start)));
                nextReport = now + reportEvery;
            }
            step(e);
        }
        if (progress != null) {
            progress.accept(offered, 1.0);
        }
        return new Report(scenario.name(), total, queues, java.util.Arrays.asList(hours));
    }

    /** Cards still open at the end (calls that never finished), for tests. */
    public int openCards() {
        return engine.activeCalls();
    }

    private void step(Event e) {
        Call c = e.call;
        switch (e.type) {
            case ARRIVE -> {
                offered++;
                calls.put(c.id, c);
                if (c.counted) {
                    total.offered();
                    hourAt(c.arrival).offered();
                }
                engine.onInput(now, new Input.CallOffered(c.id, "+7900" + (1_000_000 + c.id % 9_000_000), "+78001000001",
                        c.region, Channel.VOICE, Direction.INBOUND));
                scheduleNextArrival();
            }
            case ROBOT_DONE -> engine.onInput(now, new Input.RobotFinished(c.id, c.outcome, c.participant.name(), c.region, null));
            case ANSWER -> {
                if (c.ringToken == e.token) {
                    engine.onInput(now, new Input.AgentAnswered(c.id, e.agent));
                }
            }
            case VOICE -> {
                if (c.talkToken == e.token) {
                    engine.onInput(now, new Input.VoiceActivity(c.id, true)); // the caller talks: no R33 silence
                }
            }
            case TALK_END -> {
                if (c.talkToken != e.token) {
                    return;
                }
                if (c.line == Line.FIRST && !c.transferred && scenario.transferShare() > 0 && draw.chance(scenario.transferShare())) {
                    c.transferred = true;
                    engine.onInput(now, new Input.TransferRequested(c.id, e.agent, Skill.secondLine(Participant.SFR, c.region).name()));
                } else {
                    engine.onInput(now, new Input.AgentHungUp(c.id, e.agent));
                }
            }
            case ABANDON -> {
                if (c.waitToken == e.token) {
                    engine.onInput(now, new Input.CallerHungUp(c.id, "caller gave up"));
                }
            }
            case WRAP_END -> engine.onInput(now, new Input.WrapUpFinished(e.agent));
            case LOGIN -> engine.onInput(now, new Input.AgentLoggedIn(e.agent));
            case LOGOUT -> engine.onInput(now, new Input.AgentLoggedOut(e.agent, "end of shift"));
            default -> throw new IllegalStateException("event " + e.type);
        }
    }

    private void scheduleNextArrival() {
        long offset = arrivals.next();
        if (offset < 0) {
            return;
        }
        long at = start + offset;
        double u = draw.uniform();
        Scenario.Robot r = scenario.robot();
        RobotOutcome outcome = u < r.answered() ? RobotOutcome.ANSWERED
                : u < r.answered() + r.secondLine() ? RobotOutcome.SECOND_LINE : RobotOutcome.FIRST_LINE;
        Participant p = participants[draw.pick(participantWeights)];
        String region = regions.get((int) (draw.uniform() * regions.size())).name();
        Call c = new Call(offered + 1, at, outcome, p, region, draw.exponentialMillis(r.meanSeconds()), at >= warmupEnd);
        schedule(at, ARRIVE, c, null, 0);
    }

    private void schedule(long time, int type, Call call, String agent, int token) {
        events.add(new Event(time, ++seq, type, call, agent, token));
    }

    private QueueStats stats(String skill) {
        return queues.computeIfAbsent(skill, k -> new QueueStats());
    }

    // ------------------------------------------------------------------ the engine's outputs

    @Override
    public void command(Command command) {
        if (command instanceof Command.StartRobot s) {
            Call c = calls.get(s.callId());
            schedule(now + c.robotMillis, ROBOT_DONE, c, null, 0);
        } else if (command instanceof Command.RingAgent r) {
            ring(r.callId(), r.agentId());
        } else if (command instanceof Command.DialCitizen d) {
            ring(d.callId(), d.agentId());
        } else if (command instanceof Command.CancelAgent x) {
            Call c = calls.get(x.callId());
            if (c != null) {
                c.ringToken++;
            }
        }
        // AnswerCall, Bridge, ReleaseAgent, HangUp, WarnAgent, PlayPrompt: nothing for the simulated world to do
    }

    private void ring(long callId, String agent) {
        Call c = calls.get(callId);
        c.ringToken++;
        schedule(now + draw.exponentialMillis(scenario.answerSeconds()), ANSWER, c, agent, c.ringToken);
    }

    @Override
    public void fact(CardEvent event) {
        if (event instanceof CardEvent.Queued q) {
            Call c = calls.get(q.card());
            c.skill = q.skill();
            c.waitToken++;
            if (c.counted) {
                stats(q.skill()).offered();
            }
            if (scenario.patienceSeconds() != null) {
                schedule(now + draw.exponentialMillis(scenario.patienceSeconds()), ABANDON, c, null, c.waitToken);
            }
        } else if (event instanceof CardEvent.OperatorConnected o) {
            Call c = calls.get(o.card());
            c.waitToken++;
            c.talkToken++;
            c.line = o.line();
            c.agent = o.agentId();
            agentSkill.put(o.agentId(), o.skill());
            if (c.counted) {
                stats(o.skill()).answered(o.queueMillis());
                if (!c.connected) {
                    total.answered(o.queueMillis());
                    hourAt(c.arrival).answered(o.queueMillis());
                }
            }
            c.connected = true;
            schedule(now, VOICE, c, o.agentId(), c.talkToken);
            double aht = o.line() == Line.SECOND ? scenario.aht().second() : scenario.aht().first();
            schedule(now + draw.exponentialMillis(aht), TALK_END, c, o.agentId(), c.talkToken);
        } else if (event instanceof CardEvent.Unanswered u) {
            Call c = calls.get(u.card());
            c.waitToken++;
            if (c.counted) {
                if (u.skill() != null) {
                    stats(u.skill()).abandoned();
                }
                if (!c.connected) {
                    total.abandoned();
                    hourAt(c.arrival).abandoned();
                }
            }
        } else if (event instanceof CardEvent.SlaBreached b) {
            Call c = calls.get(b.card());
            if (c.counted) {
                total.breach();
                hourAt(c.arrival).breach();
                if (c.skill != null) {
                    stats(c.skill).breach();
                }
            }
        } else if (event instanceof CardEvent.WrapUpStarted w) {
            schedule(now + Math.round(scenario.wrapUpSeconds() * 1000.0), WRAP_END, null, w.agentId(), 0);
        } else if (event instanceof CardEvent.OperatorReleased r) {
            busy(r.card(), r.agentId(), r.talkMillis());
        } else if (event instanceof CardEvent.WrapUpEnded w) {
            busy(w.card(), w.agentId(), w.wrapUpMillis());
        } else if (event instanceof CardEvent.CardClosed x) {
            calls.remove(x.card());
        }
    }

    /** Talk and wrap-up count for the queue the operator took the call from. */
    private void busy(long card, String agent, long millis) {
        if (now < warmupEnd || !calls.containsKey(card)) {
            return;
        }
        total.busy(millis);
        QueueStats hour = hourAt(now);
        if (hour != null) {
            hour.busy(millis);
        }
        String skill = agentSkill.get(agent);
        if (skill != null) {
            stats(skill).busy(millis);
        }
    }
}
