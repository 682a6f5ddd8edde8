package ekc.bench.engine;

import ekc.engine.AgentSpec;
import ekc.engine.Channel;
import ekc.engine.Direction;
import ekc.engine.EngineSettings;
import ekc.engine.Input;
import ekc.engine.Participant;
import ekc.engine.RobotOutcome;
import ekc.engine.Skill;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark's contact centre and event script: 1,000 operators over 700 second-line queues
 * (four participants × 175 districts), each operator serving two queues; and a script of calls,
 * each offered and routed by Yana to a queue. The operators' side (answer, speak, hang up, wrap up)
 * is played by {@link Driver} in reply to the engine's rings. Built once, before measuring.
 */
public final class Workload {

    public static final int AGENTS = 1_000;
    public static final int QUEUES = 700;
    static final int DISTRICTS = QUEUES / 4;

    final EngineSettings settings;
    /** Inputs in order; replaying from the start again is valid (every card is closed at the end). */
    final Input[] script;
    /**
     * The operators' replies, made here so that playing them allocates nothing, one row per call id
     * (index = id), all a ring needs in one place: {@code [voice, then per operator k of the call's
     * queue (in {@link #queueAgentIds} order) answered, hung up, wrap-up finished]}.
     */
    final Input[][] replies;
    /**
     * Who may be rung for each call id: the operators' id strings, the very instances given to the
     * engine in the {@link AgentSpec}s, so the {@link Driver} finds the operator a ring names by reference.
     */
    final String[][] queueAgentIds;
    /** Operator ids by number: one string each, shared by the specs, the script and the replies. */
    final String[] agentIds = new String[AGENTS];

    public Workload(int calls, long seed) {
        List<Skill> skills = new ArrayList<>();
        for (Participant p : Participant.values()) {
            for (int d = 0; d < DISTRICTS; d++) {
                skills.add(Skill.secondLine(p, district(d)));
            }
        }
        for (int i = 0; i < AGENTS; i++) {
            agentIds[i] = "a" + i;
        }
        List<AgentSpec> agents = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            agents.add(new AgentSpec(agentIds[i], "Оператор " + i, String.valueOf(10_000 + i),
                    List.of(skills.get(i % QUEUES), skills.get((i * 7 + 3) % QUEUES)), 1 + i % 10));
        }
        this.settings = EngineSettings.defaults().withRobot(true).withAgents(agents);
        this.script = script(calls, skills, seed, agentIds);
        java.util.Map<Skill, Integer> queueNumber = new java.util.HashMap<>();
        for (int q = 0; q < QUEUES; q++) {
            queueNumber.put(skills.get(q), q);
        }
        List<List<Integer>> byQueue = new ArrayList<>();
        for (int q = 0; q < QUEUES; q++) {
            byQueue.add(new ArrayList<>());
        }
        for (int i = 0; i < AGENTS; i++) {
            byQueue.get(i % QUEUES).add(i);
            if ((i * 7 + 3) % QUEUES != i % QUEUES) {
                byQueue.get((i * 7 + 3) % QUEUES).add(i);
            }
        }
        Input[] wrapUpDone = new Input[AGENTS];
        for (int i = 0; i < AGENTS; i++) {
            wrapUpDone[i] = new Input.WrapUpFinished(agentIds[i]);
        }
        this.replies = new Input[calls + 1][];
        this.queueAgentIds = new String[calls + 1][];
        for (int n = AGENTS; n < script.length; n += 2) {
            Input.CallOffered o = (Input.CallOffered) script[n];
            int id = (int) o.callId();
            int q = queueNumber.get(Skill.secondLine(Participant.valueOf(((Input.RobotFinished) script[n + 1]).participant()), o.region()));
            List<Integer> who = byQueue.get(q);
            Input[] row = new Input[1 + 3 * who.size()];
            row[0] = new Input.VoiceActivity(id, true);
            queueAgentIds[id] = new String[who.size()];
            for (int k = 0; k < who.size(); k++) {
                String agent = agentIds[who.get(k)];
                queueAgentIds[id][k] = agent;
                row[1 + 3 * k] = new Input.AgentAnswered(id, agent);
                row[2 + 3 * k] = new Input.AgentHungUp(id, agent);
                row[3 + 3 * k] = wrapUpDone[who.get(k)];
            }
            replies[id] = row;
        }
    }

    static String district(int d) {
        return "Округ " + d;
    }

    /** Login of every operator, then calls: offered, and Yana sends each to a second-line queue. */
    private static Input[] script(int calls, List<Skill> skills, long seed, String[] agentIds) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Input> in = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            in.add(new Input.AgentLoggedIn(agentIds[i]));
        }
        for (int c = 0; c < calls; c++) {
            long id = c + 1;
            Skill s = skills.get(random.nextInt(QUEUES));
            in.add(new Input.CallOffered(id, "+7900" + (1_000_000 + c), "+78001000001", s.region(), Channel.VOICE, Direction.INBOUND));
            in.add(new Input.RobotFinished(id, RobotOutcome.SECOND_LINE, s.participant().name(), s.region(), null));
        }
        return in.toArray(new Input[0]);
    }
}
