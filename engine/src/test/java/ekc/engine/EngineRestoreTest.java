package ekc.engine;

import static ekc.engine.Rig.KRD2;
import static ekc.engine.Rig.agent;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A restart gives the engine back the deferred requests that were waiting ({@link Input.DeferredRestored}). */
class EngineRestoreTest {

    private static final String KRD = "Краснодарский край";

    private static Input.DeferredRestored restored(long id, long registeredAt, long callbackAt, String assigned) {
        return new Input.DeferredRestored(id, "+7900000000" + id, KRD, Channel.VOICE, Rig.T0 + registeredAt - 60_000,
                KRD2.name(), Rig.T0 + registeredAt, Rig.T0 + callbackAt, assigned, false);
    }

    @Test
    void restoredCallBacksAreDialledAtTheirTimeWithPriorityInTheirOriginalOrder_R20_R25() {
        Rig r = Rig.withAgents(agent("k", KRD2));
        r.at(0, restored(1, -10_000, 100_000, null)).at(0, restored(2, -5_000, 50_000, null));
        assertThat(r.all(CardEvent.Queued.class)).isEmpty(); // not due yet
        r.call(10_000, 3, KRD).robot(10_000, 3, RobotOutcome.SECOND_LINE, "SFR", null); // a new call, waiting
        r.tick(50_000);
        assertThat(r.last(CardEvent.Queued.class)).isEqualTo(new CardEvent.Queued(2, Rig.T0 + 50_000, KRD2.name(), 10));
        r.tick(100_000);
        assertThat(r.last(CardEvent.Queued.class)).isEqualTo(new CardEvent.Queued(1, Rig.T0 + 100_000, KRD2.name(), 10));
        r.login(200_000, "k");
        // call-backs before the new call (R25); 1 before 2, as they stood before the restart
        assertThat(r.last(Command.DialCitizen.class)).isEqualTo(new Command.DialCitizen(1, "k", "+79000000001"));
        r.answer(201_000, 1, "k").at(260_000, new Input.CallerHungUp(1, "BYE")).at(261_000, new Input.WrapUpFinished("k"));
        assertThat(r.last(CardEvent.CardClosed.class).card()).isEqualTo(1);
        assertThat(r.last(CardEvent.CardClosed.class).totalMillis()).isEqualTo(261_000 + 70_000);
        assertThat(r.last(Command.DialCitizen.class).callId()).isEqualTo(2);
        assertThat(r.all(CardEvent.SlaBreached.class, b -> b.rule().equals("R27"))).isEmpty();
    }

    @Test
    void aRestoredCallBackAlreadyDueIsQueuedAtOnce_R20() {
        Rig r = Rig.withAgents(agent("k", KRD2)).login(0, "k");
        r.at(1_000, restored(1, -600_000, -300_000, null));
        assertThat(r.last(CardEvent.Queued.class)).isEqualTo(new CardEvent.Queued(1, Rig.T0 + 1_000, KRD2.name(), 10));
        assertThat(r.last(Command.DialCitizen.class)).isEqualTo(new Command.DialCitizen(1, "k", "+79000000001"));
    }

    @Test
    void theEightWorkingHoursRunFromTheOriginalRegistration_R27() {
        Rig r = Rig.withAgents(agent("k", KRD2));
        // booked on Tuesday at 10:00 Moscow (Krasnodar's time), within the working day: due at 18:00 the same day
        long booked = -3_600_000;
        r.at(0, restored(1, booked, 400_000_000L, null));
        long deadline = java.time.Instant.parse("2026-12-01T15:00:00Z").toEpochMilli() - Rig.T0;
        r.tick(deadline);
        assertThat(r.all(CardEvent.SlaBreached.class)).isEmpty();
        r.tick(deadline + 1);
        CardEvent.SlaBreached b = r.last(CardEvent.SlaBreached.class);
        assertThat(b.rule()).isEqualTo("R27");
        assertThat(b.limitMillis()).isEqualTo(deadline - booked);
        assertThat(b.actualMillis()).isEqualTo(deadline + 1 - booked);
    }

    @Test
    void aBreachAlreadyOnTheCardIsNotRecordedTwice_R27() {
        Rig r = Rig.withAgents(agent("k", KRD2));
        Input.DeferredRestored old = restored(1, -400_000_000L, 400_000_000L, null);
        r.at(0, new Input.DeferredRestored(old.callId(), old.caller(), old.region(), old.channel(), old.opened(), old.skill(),
                old.registeredAt(), old.callbackAt(), null, true)).tick(1_000);
        assertThat(r.all(CardEvent.SlaBreached.class)).isEmpty();
        Rig late = Rig.withAgents(agent("k", KRD2)).at(0, old).tick(1_000);
        assertThat(late.last(CardEvent.SlaBreached.class).rule()).isEqualTo("R27"); // overdue during the restart
    }

    @Test
    void aRestoredRequestStaysWithTheOperatorTheSupervisorAssigned_R24() {
        Rig r = Rig.withAgents(agent("k", KRD2), agent("m", KRD2)).login(0, "k");
        r.at(0, restored(1, -10_000, -1_000, "m"));
        assertThat(r.all(Command.DialCitizen.class)).isEmpty(); // k is free, but it is m's
        r.login(5_000, "m");
        assertThat(r.last(Command.DialCitizen.class)).isEqualTo(new Command.DialCitizen(1, "m", "+79000000001"));
    }

    @Test
    void theSupervisorsAssignmentIsOnTheCard_R24() {
        Rig r = Rig.withAgents(agent("k", KRD2), agent("m", KRD2));
        r.login(0, "k").call(0, 1, KRD).robot(0, 1, RobotOutcome.SECOND_LINE, "SFR", null).answer(100, 1, "k")
                .at(1_000, new Input.CallbackBooked(1, "k", Rig.T0 + 100_000, "")).at(1_000, new Input.SupervisorAssigned(1, "m"));
        assertThat(r.last(CardEvent.SupervisorAssigned.class)).isEqualTo(new CardEvent.SupervisorAssigned(1, Rig.T0 + 1_000, "m"));
    }

    @Test
    void aRequestWithASkillNoLongerKnownIsClosedWithTheReason() {
        Rig r = Rig.withAgents(agent("k", KRD2));
        Input.DeferredRestored old = restored(1, -10_000, 1_000, null);
        r.at(0, new Input.DeferredRestored(1, old.caller(), KRD, Channel.VOICE, old.opened(), "no such skill",
                old.registeredAt(), old.callbackAt(), null, false));
        CardEvent.CardClosed closed = r.last(CardEvent.CardClosed.class);
        assertThat(closed.status()).isEqualTo("interrupted");
        assertThat(closed.reason()).contains("no such skill");
        assertThat(r.engine.activeCalls()).isZero();
    }

    @Test
    void aCardTheEngineAlreadyHasIsNotRestoredTwice() {
        Rig r = Rig.withAgents(agent("k", KRD2));
        r.at(0, restored(1, -10_000, 1_000, null)).at(0, restored(1, -10_000, 1_000, null)).tick(2_000);
        assertThat(r.all(CardEvent.Queued.class)).hasSize(1);
    }
}
