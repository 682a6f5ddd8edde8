package ekc.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The allocation-free output path: one reused slot, and closed cards' objects reused for later calls. */
class OutputSlotTest {

    private static final Skill SFR1 = Rig.SFR1;

    /** A served call, a call the caller leaves while ringing, a transfer to the second line, a silent caller. */
    private static void script(Engine e) {
        long t = Rig.T0;
        e.onInput(t, new Input.AgentLoggedIn("1"));
        e.onInput(t, new Input.AgentLoggedIn("2"));
        e.onInput(t, offer(1, "Москва"));
        e.onInput(t + 1_000, new Input.RobotFinished(1, RobotOutcome.FIRST_LINE, "SFR", null, "t"));
        e.onInput(t + 2_000, new Input.AgentAnswered(1, "1"));
        e.onInput(t + 2_500, new Input.VoiceActivity(1, true));
        e.onInput(t + 3_000, new Input.TransferRequested(1, "1", Rig.KRD2.name()));
        e.onInput(t + 4_000, new Input.AgentAnswered(1, "2"));
        e.onInput(t + 5_000, new Input.AgentHungUp(1, "2"));
        e.onInput(t + 6_000, new Input.WrapUpFinished("1"));
        e.onInput(t + 7_000, new Input.WrapUpFinished("2"));
        e.onInput(t + 8_000, offer(2, null));
        e.onInput(t + 9_000, new Input.RobotFinished(2, RobotOutcome.FIRST_LINE, "SFR", null, "t"));
        e.onInput(t + 10_000, new Input.CallerHungUp(2, "bye"));
        e.onInput(t + 11_000, offer(3, "Краснодарский край"));
        e.onInput(t + 12_000, new Input.RobotFinished(3, RobotOutcome.SECOND_LINE, "SFR", "Кубань", null));
        e.onInput(t + 13_000, new Input.AgentAnswered(3, "2"));
        e.onInput(t + 200_000, Input.Tick.INSTANCE); // silent: warned (R33), then hung up (R34)
        e.onInput(t + 300_000, new Input.WrapUpFinished("2"));
    }

    private static Input offer(long id, String region) {
        return new Input.CallOffered(id, "+7900000000" + id, "+78001000001", region, Channel.VOICE, Direction.INBOUND);
    }

    private static EngineSettings settings() {
        return EngineSettings.defaults().withRobot(true)
                .withAgents(List.of(Rig.agent("1", SFR1), Rig.agent("2", SFR1, Rig.KRD2)));
    }

    @Test
    void theSinkGetsOneReusedSlotAndItsRecordsAreTheOnesOutputsGets() {
        List<Object> records = new ArrayList<>();
        Set<Output> slots = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<String> rings = new ArrayList<>();
        Engine slotted = new Engine(o -> {
            slots.add(o);
            records.add(o.kind().command() ? o.toCommand() : o.toFact());
            if (o.kind() == OutputKind.RING_AGENT) {
                rings.add(o.call() + " " + o.s1() + " " + o.s2()); // the documented layout: s1 agent id, s2 contact
            }
        }, settings());
        Rig rig = new Rig(settings());
        script(slotted);
        script(rig.engine);

        assertThat(records).isEqualTo(rig.out).hasSizeGreaterThan(40);
        assertThat(slots).hasSize(1);
        assertThat(rings).isEqualTo(rig.all(Command.RingAgent.class).stream()
                .map(r -> r.callId() + " " + r.agentId() + " " + r.contact()).toList());
        assertThat(rig.all(Command.WarnAgent.class)).isNotEmpty();
        assertThat(rig.all(CardEvent.CardClosed.class)).extracting(CardEvent.CardClosed::card).containsExactly(1L, 2L, 3L);
    }

    @Test
    void everyCommandAndCardFactHasItsSlotKind() {
        for (Class<?> type : List.of(Command.class, CardEvent.class)) {
            for (Class<?> r : type.getDeclaredClasses()) {
                String constant = r.getSimpleName().replaceAll("(?<!^)(?=[A-Z])", "_").toUpperCase(java.util.Locale.ROOT);
                assertThat(OutputKind.valueOf(constant).command()).as(r.getName()).isEqualTo(type == Command.class);
            }
        }
        assertThat(OutputKind.values()).hasSize(Command.class.getDeclaredClasses().length + CardEvent.class.getDeclaredClasses().length);
    }

    @Test
    void aClosedCardsObjectServesTheNextCallWithNothingLeftOver() {
        Rig r = new Rig(settings());
        r.login(0, "1");
        r.call(0, 1, Rig.MSK).firstLine(1_000, 1); // ringing operator 1
        Card first = r.engine.cardList().iterator().next();
        r.at(2_000, new Input.CallerHungUp(1, "bye")); // gone before an operator: unanswered, closed
        assertThat(r.engine.activeCalls()).isZero();

        r.call(10_000, 2, null);
        assertThat(r.engine.cardList()).singleElement().isSameAs(first); // the same object, a new card
        r.firstLine(11_000, 2).answer(12_000, 2, "1").at(12_500, new Input.VoiceActivity(2, true));
        r.at(20_000, new Input.AgentHungUp(2, "1")).at(30_000, new Input.WrapUpFinished("1"));

        CardEvent.CardClosed one = r.all(CardEvent.CardClosed.class).get(0);
        CardEvent.CardClosed two = r.last(CardEvent.CardClosed.class);
        assertThat(one.card()).isEqualTo(1);
        assertThat(one.status()).isNotEqualTo("served");
        assertThat(two.card()).isEqualTo(2);
        assertThat(two.status()).isEqualTo("served");
        assertThat(two.reason()).isEqualTo("обслужено");
        assertThat(two.totalMillis()).isEqualTo(20_000);
        assertThat(r.last(CardEvent.OperatorConnected.class).queueMillis()).isEqualTo(1_000);
        assertThat(r.all(CardEvent.SlaBreached.class)).isEmpty();
        assertThat(r.engine.pendingTimers()).isZero();
        assertThat(r.engine.agentState("1")).isEqualTo(AgentState.READY);
    }
}
