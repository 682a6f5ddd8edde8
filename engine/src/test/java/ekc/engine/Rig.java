package ekc.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A test rig: the real engine, its outputs in a list, inputs stamped with a time the test gives. */
final class Rig implements Outputs {

    static final long T0 = java.time.Instant.parse("2026-12-01T08:00:00Z").toEpochMilli(); // Tuesday, 11:00 Moscow
    static final String MSK = "Москва";
    static final Skill SFR1 = Skill.firstLine(Participant.SFR);
    static final Skill ROSTRUD1 = Skill.firstLine(Participant.ROSTRUD);
    static final Skill KRD2 = Skill.secondLine(Participant.SFR, "Краснодарский край");
    static final Skill MSK2 = Skill.secondLine(Participant.SFR, MSK);

    final List<Object> out = new ArrayList<>();
    final Engine engine;

    Rig(EngineSettings settings) {
        engine = new Engine(this, settings);
    }

    /** Robot on, the given operators, every default SLA. */
    static Rig withAgents(AgentSpec... agents) {
        return new Rig(EngineSettings.defaults().withRobot(true).withAgents(List.of(agents)));
    }

    static AgentSpec agent(String id, Skill... skills) {
        return new AgentSpec(id, "Оператор " + id, "7" + id, List.of(skills), 5);
    }

    static AgentSpec agent(String id, int proficiency, Skill... skills) {
        return new AgentSpec(id, "Оператор " + id, "7" + id, List.of(skills), proficiency);
    }

    @Override
    public void command(Command command) {
        out.add(command);
    }

    @Override
    public void fact(CardEvent event) {
        out.add(event);
    }

    /** Input at T0 + ms. */
    Rig at(long ms, Input in) {
        engine.onInput(T0 + ms, in);
        return this;
    }

    Rig login(long ms, String... ids) {
        for (String id : ids) {
            at(ms, new Input.AgentLoggedIn(id));
        }
        return this;
    }

    Rig call(long ms, long id, String region) {
        return at(ms, new Input.CallOffered(id, "+7900000" + String.format("%04d", id), "+78001000001", region, Channel.VOICE, Direction.INBOUND));
    }

    Rig chat(long ms, long id) {
        return at(ms, new Input.CallOffered(id, "+7900000" + String.format("%04d", id), "+78001000001", null, Channel.TEXT, Direction.INBOUND));
    }

    Rig robot(long ms, long id, RobotOutcome outcome, String participant, String region) {
        return at(ms, new Input.RobotFinished(id, outcome, participant, region, "topic-1"));
    }

    Rig firstLine(long ms, long id) {
        return robot(ms, id, RobotOutcome.FIRST_LINE, "SFR", null);
    }

    Rig answer(long ms, long id, String agent) {
        return at(ms, new Input.AgentAnswered(id, agent));
    }

    Rig tick(long ms) {
        return at(ms, Input.Tick.INSTANCE);
    }

    <T> List<T> all(Class<T> type) {
        List<T> l = new ArrayList<>();
        for (Object o : out) {
            if (type.isInstance(o)) {
                l.add(type.cast(o));
            }
        }
        return l;
    }

    <T> List<T> all(Class<T> type, Predicate<T> p) {
        return all(type).stream().filter(p).toList();
    }

    <T> T last(Class<T> type) {
        List<T> l = all(type);
        if (l.isEmpty()) {
            throw new AssertionError("no " + type.getSimpleName() + " in " + out);
        }
        return l.get(l.size() - 1);
    }

    List<String> names() {
        return out.stream().map(o -> o.getClass().getSimpleName()).toList();
    }

    void clear() {
        out.clear();
    }
}
