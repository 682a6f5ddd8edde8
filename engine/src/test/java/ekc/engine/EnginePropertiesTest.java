package ekc.engine;

import static ekc.engine.Rig.KRD2;
import static ekc.engine.Rig.SFR1;
import static ekc.engine.Rig.agent;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Invariants under any order of events, as adapters might deliver them (late, duplicated, out of
 * turn): no call in two places, no operator double-booked, every card closed exactly once.
 */
class EnginePropertiesTest {

    static final String[] AGENTS = {"a", "b", "c", "k"};

    static Rig rig() {
        return Rig.withAgents(agent("a", SFR1), agent("b", SFR1, KRD2), agent("c", Rig.ROSTRUD1), agent("k", KRD2));
    }

    @Property(tries = 300)
    void noCallInTwoPlacesNoOperatorDoubleBookedEveryCardClosedOnce(
            @ForAll @Size(min = 1, max = 150) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> script) {
        Rig r = rig();
        long t = 0;
        Set<Long> offered = new HashSet<>();
        for (int code : script) {
            t += (code >>> 20) % 40_000; // up to 40 s between events: rings time out, silences fire
            int call = 1 + (code >>> 4) % 8;
            String agent = AGENTS[(code >>> 8) % AGENTS.length];
            Input in = switch (code % 16) {
                case 0, 1 -> new Input.CallOffered(call, "+7900" + call, "+78001000001", call % 2 == 0 ? "Краснодарский край" : null, call % 5 == 0 ? Channel.TEXT : Channel.VOICE, Direction.INBOUND);
                case 2 -> new Input.RobotFinished(call, RobotOutcome.FIRST_LINE, call % 3 == 0 ? "ROSTRUD" : null, null, null);
                case 3 -> new Input.RobotFinished(call, RobotOutcome.SECOND_LINE, "SFR", "Краснодарский край", null);
                case 4 -> new Input.AgentAnswered(call, agent);
                case 5 -> new Input.CallerHungUp(call, "BYE");
                case 6 -> new Input.AgentHungUp(call, agent);
                case 7 -> new Input.WrapUpFinished(agent);
                case 8 -> new Input.AgentLoggedIn(agent);
                case 9 -> new Input.AgentAvailability(agent, code % 3 != 0, "break");
                case 10 -> new Input.TransferRequested(call, agent, call % 2 == 0 ? KRD2.name() : "Роструд-1 линия");
                case 11 -> new Input.CallbackBooked(call, agent, Rig.T0 + t + (code >>> 12) % 300_000, "");
                case 12 -> new Input.AgentRejected(call, agent, "busy");
                case 13 -> new Input.VoiceActivity(call, code % 2 == 0);
                case 14 -> new Input.AgentLoggedOut(agent, "shift");
                default -> new Input.SupervisorAssigned(call, agent);
            };
            if (in instanceof Input.CallOffered o && !offered.add(o.callId())) {
                continue; // call ids are unique: an adapter never offers a closed card's id again
            }
            r.at(t, in);
            checkPlaces(r.engine);
            checkClosedOnce(r);
        }
        drain(r, t);
        checkClosedOnce(r);
        assertThat(r.engine.activeCalls()).isZero();
        assertThat(r.all(CardEvent.CardClosed.class)).extracting(CardEvent::card).containsExactlyInAnyOrderElementsOf(
                r.all(CardEvent.CardOpened.class).stream().map(CardEvent::card).toList());
        assertThat(r.engine.pendingTimers()).isZero();
        for (String a : AGENTS) {
            assertThat(r.engine.agentState(a)).isNotIn(AgentState.RESERVED, AgentState.TALKING, AgentState.WRAP_UP);
        }
    }

    @Property(tries = 100)
    void queuesDrainWhenOperatorsSuffice(@ForAll @IntRange(min = 1, max = 60) int calls, @ForAll @IntRange(min = 1, max = 4) int operators,
                                         @ForAll @IntRange(min = 1, max = 600) int talkSeconds) {
        AgentSpec[] specs = new AgentSpec[operators];
        for (int i = 0; i < operators; i++) {
            specs[i] = agent("op" + i, SFR1);
        }
        Rig r = Rig.withAgents(specs);
        for (int i = 0; i < operators; i++) {
            r.login(0, "op" + i);
        }
        for (int i = 1; i <= calls; i++) {
            r.call(i * 10L, i, null).firstLine(i * 10L, i);
        }
        // every operator answers at once, talks, hangs up and wraps up; callers speak and wait forever
        long t = calls * 10L;
        for (int round = 0; round < calls + 1; round++) {
            for (Command.RingAgent ring : List.copyOf(r.all(Command.RingAgent.class))) {
                if (r.engine.agentState(ring.agentId()) == AgentState.RESERVED) {
                    r.answer(t, ring.callId(), ring.agentId()).at(t, new Input.VoiceActivity(ring.callId(), true));
                }
            }
            t += talkSeconds * 1_000L;
            for (int i = 0; i < operators; i++) {
                for (Long call : talking(r, "op" + i)) {
                    r.at(t, new Input.AgentHungUp(call, "op" + i));
                }
                r.at(t, new Input.WrapUpFinished("op" + i));
            }
        }
        assertThat(r.engine.queueLength(SFR1.name())).isZero();
        assertThat(r.all(CardEvent.CardClosed.class)).hasSize(calls).allSatisfy(c -> assertThat(c.status()).isEqualTo("served"));
        assertThat(r.all(CardEvent.Unanswered.class)).isEmpty();
    }

    private static List<Long> talking(Rig r, String agent) {
        for (Agent a : r.engine.agentList()) {
            if (a.id.equals(agent) && a.state == AgentState.TALKING) {
                return List.of(a.card.id);
            }
        }
        return List.of();
    }

    /** Everyone hangs up, every wrap-up ends, time passes, until nothing is left (call-backs come due and are dropped). */
    private static void drain(Rig r, long t) {
        for (int i = 0; i < 20 && r.engine.activeCalls() > 0; i++) {
            t += 24 * 3_600_000L;
            r.tick(t);
            for (Card c : List.copyOf(r.engine.cardList())) {
                r.at(t, new Input.CallerHungUp(c.id, "drain"));
            }
            for (String a : AGENTS) {
                r.at(t, new Input.WrapUpFinished(a));
            }
            checkPlaces(r.engine);
        }
        r.tick(t + 30L * 24 * 3_600_000L); // deadlines of closed cards must not fire
    }

    static void checkPlaces(Engine e) {
        Map<Long, String> place = new HashMap<>();
        for (SkillQueue q : e.queueList()) {
            for (Card c : e.cardList()) {
                if (q.contains(c)) {
                    assertThat(place.put(c.id, "queue " + q.name)).as("card %d in two places", c.id).isNull();
                    assertThat(c.phase).isEqualTo(Card.Phase.QUEUED);
                }
            }
            int idle = 0;
            for (Agent a : q.agents) {
                idle += a.idle() ? 1 : 0;
            }
            assertThat(q.idleAgents).as("idle count of %s", q.name).isEqualTo(idle);
            if (idle > 0) {
                assertThat(q.size()).as("%s has idle operators and waiting requests", q.name).isZero();
            }
        }
        Set<Long> held = new HashSet<>();
        // closed cards are reused for later calls: whatever an operator holds must be a live card, this very object
        Set<Card> live = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        live.addAll(e.cardList());
        for (Agent a : e.agentList()) {
            assertThat(a.card == null || live.contains(a.card)).as("agent %s holds a closed card", a.id).isTrue();
            assertThat(a.wrapCard == null || live.contains(a.wrapCard)).as("agent %s wraps up a closed card", a.id).isTrue();
            for (Card c : a.assigned) {
                assertThat(live.contains(c)).as("agent %s is assigned closed card %d", a.id, c.id).isTrue();
                assertThat(place.put(c.id, "assigned " + a.id)).as("card %d in two places", c.id).isNull();
            }
            boolean busy = a.state == AgentState.RESERVED || a.state == AgentState.TALKING;
            assertThat(a.card != null).as("agent %s in %s holds %s", a.id, a.state, a.card).isEqualTo(busy);
            if (a.card != null) {
                assertThat(held.add(a.card.id)).as("card %d held by two operators", a.card.id).isTrue();
                assertThat(place.put(a.card.id, "agent " + a.id)).as("card %d in two places", a.card.id).isNull();
                assertThat(a.card.agent).isSameAs(a);
                assertThat(a.card.closed).isFalse();
                assertThat(a.card.phase).isIn(Card.Phase.RINGING, Card.Phase.TALKING);
            }
            assertThat(a.wrapCard != null).isEqualTo(a.state == AgentState.WRAP_UP);
        }
        for (Card c : e.cardList()) {
            if (c.phase == Card.Phase.RINGING || c.phase == Card.Phase.TALKING) {
                assertThat(place.get(c.id)).as("card %d %s", c.id, c.phase).startsWith("agent");
            }
            if (c.phase == Card.Phase.QUEUED) {
                assertThat(place.get(c.id)).as("card %d queued nowhere", c.id).isNotNull();
            }
        }
    }

    private static void checkClosedOnce(Rig r) {
        Set<Long> closed = new HashSet<>();
        for (CardEvent.CardClosed c : r.all(CardEvent.CardClosed.class)) {
            assertThat(closed.add(c.card())).as("card %d closed twice", c.card()).isTrue();
        }
    }
}
