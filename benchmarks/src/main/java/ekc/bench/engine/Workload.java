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

    public Workload(int calls, long seed) {
        List<Skill> skills = new ArrayList<>();
        for (Participant p : Participant.values()) {
            for (int d = 0; d < DISTRICTS; d++) {
                skills.add(Skill.secondLine(p, district(d)));
            }
        }
        List<AgentSpec> agents = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            agents.add(new AgentSpec("a" + i, "Оператор " + i, String.valueOf(10_000 + i),
                    List.of(skills.get(i % QUEUES), skills.get((i * 7 + 3) % QUEUES)), 1 + i % 10));
        }
        this.settings = EngineSettings.defaults().withRobot(true).withAgents(agents);
        this.script = script(calls, skills, seed);
    }

    static String district(int d) {
        return "Округ " + d;
    }

    /** Login of every operator, then calls: offered, and Yana sends each to a second-line queue. */
    private static Input[] script(int calls, List<Skill> skills, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Input> in = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            in.add(new Input.AgentLoggedIn("a" + i));
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
