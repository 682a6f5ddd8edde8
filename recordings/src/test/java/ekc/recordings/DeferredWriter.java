package ekc.recordings;

import ekc.engine.AgentSpec;
import ekc.engine.CardEvent;
import ekc.engine.Channel;
import ekc.engine.Command;
import ekc.engine.Direction;
import ekc.engine.Engine;
import ekc.engine.EngineSettings;
import ekc.engine.Input;
import ekc.engine.Outputs;
import ekc.engine.Participant;
import ekc.engine.RobotOutcome;
import ekc.engine.Skill;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A child JVM for {@link RestartTest}: the real engine journaling into the real journal, driven through a
 * morning of calls on the test's clock until two call-backs are booked and waiting, one more is booked on a
 * call still going, and one call is with Yana; then it prints "ready" and waits to be killed with SIGKILL.
 */
public final class DeferredWriter {

    static final long T0 = java.time.Instant.parse("2026-12-01T07:00:00Z").toEpochMilli(); // Tuesday 10:00 Moscow
    static final String KRD = "Краснодарский край";
    static final Skill KRD2 = Skill.secondLine(Participant.SFR, KRD);

    private DeferredWriter() {
    }

    static EngineSettings settings() {
        return EngineSettings.defaults().withRobot(true).withAgents(List.of(
                new AgentSpec("k", "Кузнецова Анна", "31001", List.of(KRD2), 5),
                new AgentSpec("m", "Морозов Илья", "31002", List.of(KRD2), 5)));
    }

    static Input.CallOffered call(long id) {
        return new Input.CallOffered(id, "+7861200000" + id, "+78001000001", KRD, Channel.VOICE, Direction.INBOUND);
    }

    /** The engine on {@link #settings()}, journaling every fact into {@code j}; commands and facts also go to {@code out}. */
    static Engine engine(Journal j, List<Object> out) {
        return new Engine(new Outputs() {
            @Override
            public void command(Command command) {
                out.add(command);
            }

            @Override
            public void fact(CardEvent event) {
                out.add(event);
                j.append(event);
            }
        }, settings());
    }

    public static void main(String[] args) {
        try (Journal j = Journal.open(Path.of(args[0]))) {
            Engine engine = new Engine(new Outputs() {
                @Override
                public void command(Command command) {
                }

                @Override
                public void fact(CardEvent event) {
                    j.append(event);
                }

                @Override
                public void endOfBatch() {
                    j.flush();
                }
            }, settings());
            Object[][] morning = {
                    {0L, new Input.AgentLoggedIn("k")}, {0L, new Input.AgentLoggedIn("m")},
                    // 1: k books a call-back for 12:00 and the call ends (R20)
                    {0L, call(1)}, {0L, new Input.RobotFinished(1, RobotOutcome.SECOND_LINE, "SFR", KRD, "pension")},
                    {1_000L, new Input.AgentAnswered(1, "k")},
                    {60_000L, new Input.CallbackBooked(1, "k", T0 + 7_200_000, "подготовить справку")},
                    {61_000L, new Input.AgentHungUp(1, "k")}, {70_000L, new Input.WrapUpFinished("k")},
                    // 2: m books one for 10:05, the supervisor gives it to m (R24), m goes on a break;
                    // at 10:05 it waits in m's list
                    {100_000L, call(2)}, {100_000L, new Input.RobotFinished(2, RobotOutcome.SECOND_LINE, "SFR", KRD, "pension")},
                    {101_000L, new Input.AgentAnswered(2, "m")},
                    {120_000L, new Input.CallbackBooked(2, "m", T0 + 300_000, "")},
                    {121_000L, new Input.SupervisorAssigned(2, "m")},
                    {130_000L, new Input.AgentHungUp(2, "m")}, {131_000L, new Input.AgentAvailability("m", false, "перерыв")},
                    {140_000L, new Input.WrapUpFinished("m")}, {300_000L, Input.Tick.INSTANCE},
                    // 3: with Yana when EKC stops
                    {400_000L, call(3)},
                    // 4: k books a call-back for 13:00 while still talking to the caller
                    {500_000L, call(4)}, {500_000L, new Input.RobotFinished(4, RobotOutcome.SECOND_LINE, "SFR", KRD, "pension")},
                    {501_000L, new Input.AgentAnswered(4, "k")},
                    {510_000L, new Input.CallbackBooked(4, "k", T0 + 10_800_000, "")},
            };
            for (Object[] in : morning) {
                engine.onInput(T0 + (Long) in[0], (Input) in[1]);
                engine.onEndOfBatch();
            }
            System.out.println("ready");
            System.out.flush();
            while (true) {
                LockSupport.park();
            }
        }
    }
}
