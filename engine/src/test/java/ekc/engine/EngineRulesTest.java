package ekc.engine;

import static ekc.engine.Rig.KRD2;
import static ekc.engine.Rig.MSK2;
import static ekc.engine.Rig.ROSTRUD1;
import static ekc.engine.Rig.SFR1;
import static ekc.engine.Rig.agent;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The routing rules of RULES.md on the deterministic clock: every time here is engine time. */
class EngineRulesTest {

    @Test
    void robotOnStartsYanaAndStopsHerWhenTheCallerHangsUp() {
        Rig r = Rig.withAgents(agent("1", SFR1));
        r.call(0, 1, null).at(5_000, new Input.CallerHungUp(1, "BYE"));
        assertThat(r.names()).containsExactly("CardOpened", "AnswerCall", "RobotDialogStarted", "StartRobot",
                "StopRobot", "RobotDialogEnded", "CallEnded");
        assertThat(r.last(Command.StartRobot.class).language()).isEqualTo("ru");
        // what Yana heard of the utterance the hang-up cut off still goes on the card, then it closes
        r.at(5_120, new Input.RobotUtterance(1, "а как мне узнать", 0.7f));
        r.at(5_130, new Input.RobotFinished(1, RobotOutcome.CALLER_GONE, null, null, null));
        assertThat(r.names().subList(7, r.names().size())).containsExactly("RobotUtterance", "CardClosed");
        assertThat(r.last(CardEvent.RobotUtterance.class)).isEqualTo(new CardEvent.RobotUtterance(1, Rig.T0 + 5_120, "а как мне узнать", 0.7f));
        assertThat(r.last(CardEvent.CardClosed.class).status()).isEqualTo("caller-hung-up");
        assertThat(r.last(CardEvent.CardClosed.class).totalMillis()).isEqualTo(5_130);
        assertThat(r.engine.pendingTimers()).isZero();
    }

    @Test
    void aCardLeftForYanasLastWordsClosesWithoutHerAfterTwoSeconds() {
        Rig r = Rig.withAgents(agent("1", SFR1));
        r.call(0, 1, null).at(5_000, new Input.CallerHungUp(1, "BYE")).tick(5_000 + Engine.ROBOT_LAST_WORDS_MILLIS - 1);
        assertThat(r.all(CardEvent.CardClosed.class)).isEmpty();
        r.tick(5_000 + Engine.ROBOT_LAST_WORDS_MILLIS);
        assertThat(r.last(CardEvent.CardClosed.class).totalMillis()).isEqualTo(5_000 + Engine.ROBOT_LAST_WORDS_MILLIS);
        r.at(9_000, new Input.RobotFinished(1, RobotOutcome.CALLER_GONE, null, null, null)); // too late: nothing
        assertThat(r.all(CardEvent.CardClosed.class)).hasSize(1);
        assertThat(r.engine.activeCalls()).isZero();
    }

    @Test
    void robotAnsweredHangsUpAndClosesTheCard_R2() {
        Rig r = Rig.withAgents(agent("1", SFR1));
        r.call(0, 1, null).robot(42_000, 1, RobotOutcome.ANSWERED, null, null);
        assertThat(r.last(CardEvent.RobotDialogEnded.class).robotMillis()).isEqualTo(42_000);
        assertThat(r.last(Command.HangUp.class).callId()).isEqualTo(1);
        assertThat(r.last(CardEvent.CardClosed.class)).isEqualTo(new CardEvent.CardClosed(1, Rig.T0 + 42_000, "answered-by-robot", "робот завершил диалог", 42_000));
    }

    @Test
    void personalQuestionGoesToSecondLineOfTheParticipantInTheCallersRegion_R3_R9() {
        Rig r = Rig.withAgents(agent("msk", MSK2), agent("krd", KRD2), agent("first", SFR1));
        r.login(0, "msk", "krd", "first").call(0, 1, null).robot(30_000, 1, RobotOutcome.SECOND_LINE, "СФР", "Краснодарский край");
        assertThat(r.last(CardEvent.Queued.class).skill()).isEqualTo("ОСФР Краснодарский край, 2 линия");
        assertThat(r.last(Command.RingAgent.class).agentId()).isEqualTo("krd");
    }

    @Test
    void regionComesFromTheCardWhenTheRobotGivesNoneAndAliasesAreCanonical_R3_R9() {
        Rig r = Rig.withAgents(agent("krd", KRD2));
        r.login(0, "krd").call(0, 1, "Кубань").robot(30_000, 1, RobotOutcome.SECOND_LINE, "SFR", null);
        assertThat(r.last(CardEvent.CardOpened.class).region()).isEqualTo("Краснодарский край");
        assertThat(r.last(Command.RingAgent.class).agentId()).isEqualTo("krd");
    }

    @Test
    void notRecognisedGoesOnlyToTheFirstLineOfTheTopicsParticipant_R4_R5() {
        Rig r = Rig.withAgents(agent("krd", KRD2), agent("sfr", SFR1), agent("trud", ROSTRUD1));
        r.login(0, "krd", "sfr", "trud");
        r.call(0, 1, "Краснодарский край").robot(10_000, 1, RobotOutcome.FIRST_LINE, "ROSTRUD", null);
        assertThat(r.last(Command.RingAgent.class).agentId()).isEqualTo("trud");
        r.call(0, 2, "Краснодарский край").robot(10_000, 2, RobotOutcome.FIRST_LINE, null, null);
        assertThat(r.last(Command.RingAgent.class).agentId()).isEqualTo("sfr"); // default participant СФР
    }

    @Test
    void talkingToFirstLineAt60_000sAfterTheRobotGaveUpIsInTime_R5() {
        for (long wait : new long[] {59_999, 60_000}) {
            Rig r = Rig.withAgents(agent("1", SFR1));
            // the operator logs in just before the limit: a ring is only 15 s
            r.call(0, 1, null).firstLine(1_000, 1).login(1_000 + wait - 100, "1").answer(1_000 + wait, 1, "1")
                    .at(1_000 + wait, new Input.VoiceActivity(1, true)).tick(200_000);
            assertThat(r.all(CardEvent.SlaBreached.class)).as("wait %d", wait).isEmpty();
            assertThat(r.last(CardEvent.OperatorConnected.class).queueMillis()).isEqualTo(wait);
        }
    }

    @Test
    void talkingToFirstLineAt60_001sIsABreachOnTheCard_R5() {
        Rig r = Rig.withAgents(agent("1", SFR1));
        // the operator misses the first ring (15 s), is Not Ready, comes back and answers late
        r.call(0, 1, null).firstLine(1_000, 1).login(50_000, "1").answer(61_001, 1, "1");
        assertThat(r.all(CardEvent.SlaBreached.class)).containsExactly(new CardEvent.SlaBreached(1, Rig.T0 + 61_001, "R5", 60_000, 60_001));
    }

    @Test
    void aBreachIsRecordedWhenItHappensEvenIfTheCallerThenLeaves_R5_R28() {
        Rig r = Rig.withAgents(agent("1", SFR1));
        r.call(0, 1, null).firstLine(0, 1).tick(60_000);
        assertThat(r.all(CardEvent.SlaBreached.class)).isEmpty();
        r.tick(60_500);
        assertThat(r.all(CardEvent.SlaBreached.class)).containsExactly(new CardEvent.SlaBreached(1, Rig.T0 + 60_001, "R5", 60_000, 60_001));
        r.at(70_000, new Input.CallerHungUp(1, "BYE"));
        assertThat(r.last(CardEvent.Unanswered.class).skill()).isEqualTo("СФР-1 линия");
        assertThat(r.last(CardEvent.CardClosed.class).status()).isEqualTo("unanswered");
        assertThat(r.engine.unanswered(Line.FIRST)).extracting(UnansweredRequest::card).containsExactly(1L);
    }

    @Test
    void transferToSecondLineConnectedAt60_000sIsInTimeAnd60_001sIsABreach_R19() {
        for (long wait : new long[] {59_999, 60_000, 60_001}) {
            Rig r = Rig.withAgents(agent("first", SFR1), agent("krd", KRD2));
            r.login(0, "first").call(0, 1, "Краснодарский край").firstLine(1_000, 1).answer(2_000, 1, "first")
                    .at(10_000, new Input.TransferRequested(1, "first", "ОСФР Краснодарский край, 2 линия"))
                    .login(10_000 + wait, "krd").answer(10_000 + wait, 1, "krd");
            assertThat(r.all(CardEvent.SlaBreached.class)).as("wait %d", wait)
                    .hasSize(wait > 60_000 ? 1 : 0)
                    .allSatisfy(b -> assertThat(b.rule()).isEqualTo("R19"));
        }
    }

    @Test
    void aTransferKeepsOneCardWithEveryLegOnItsTimeline_R6_R17_R32() {
        Rig r = Rig.withAgents(agent("25722", SFR1), agent("31001", KRD2));
        r.login(0, "25722", "31001").call(0, 1, "Краснодарский край").firstLine(20_000, 1).answer(22_000, 1, "25722")
                .at(80_000, new Input.OperatorNote(1, "25722", Map.of("comment", "нужна персональная информация")))
                .at(90_000, new Input.TransferRequested(1, "25722", "ОСФР Краснодарский край, 2 линия"))
                .answer(95_000, 1, "31001").at(95_000, new Input.VoiceActivity(1, true)).at(100_000, new Input.WrapUpFinished("25722"))
                .at(300_000, new Input.AgentHungUp(1, "31001")).at(330_000, new Input.WrapUpFinished("31001"));
        assertThat(r.all(CardEvent.CardOpened.class)).hasSize(1);
        assertThat(r.all(CardEvent.OperatorConnected.class)).extracting(CardEvent.OperatorConnected::skill, CardEvent.OperatorConnected::line,
                CardEvent.OperatorConnected::agentId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("СФР-1 линия", Line.FIRST, "25722"),
                org.assertj.core.groups.Tuple.tuple("ОСФР Краснодарский край, 2 линия", Line.SECOND, "31001"));
        assertThat(r.all(Command.ReleaseAgent.class)).containsExactly(new Command.ReleaseAgent(1, "25722"));
        assertThat(r.all(CardEvent.CardClosed.class)).containsExactly(new CardEvent.CardClosed(1, Rig.T0 + 330_000, "served", "обслужено", 330_000));
        assertThat(r.engine.activeCalls()).isZero();
    }

    @Test
    void firstLineTransfersToTheFirstLineOfAnotherParticipant_R16() {
        Rig r = Rig.withAgents(agent("sfr", SFR1), agent("trud", ROSTRUD1));
        r.login(0, "sfr", "trud").call(0, 1, null).firstLine(0, 1).answer(1_000, 1, "sfr")
                .at(5_000, new Input.TransferRequested(1, "sfr", "Роструд-1 линия")).answer(6_000, 1, "trud");
        assertThat(r.last(CardEvent.TransferRequested.class)).isEqualTo(new CardEvent.TransferRequested(1, Rig.T0 + 5_000, "sfr", "СФР-1 линия", "Роструд-1 линия"));
        assertThat(r.last(CardEvent.OperatorConnected.class).agentId()).isEqualTo("trud");
    }

    @Test
    void aTransferToAnUnknownOrUnstaffedSkillWarnsTheOperatorAndKeepsTheCall_R17() {
        Rig r = Rig.withAgents(agent("sfr", SFR1));
        r.login(0, "sfr").call(0, 1, null).firstLine(0, 1).answer(1_000, 1, "sfr")
                .at(5_000, new Input.TransferRequested(1, "sfr", "кухня"))
                .at(6_000, new Input.TransferRequested(1, "sfr", "ОСФР Тверская область, 2 линия"));
        assertThat(r.all(Command.WarnAgent.class)).hasSize(2);
        assertThat(r.engine.agentState("sfr")).isEqualTo(AgentState.TALKING);
        assertThat(r.all(CardEvent.TransferRequested.class)).isEmpty();
    }

    @Test
    void aRingNotAnsweredGoesBackToTheHeadOfTheQueueAndTheOperatorGoesNotReady() {
        Rig r = Rig.withAgents(agent("a", SFR1), agent("b", SFR1));
        r.login(0, "a").call(0, 1, null).firstLine(0, 1).call(1_000, 2, null).firstLine(1_000, 2);
        assertThat(r.last(Command.RingAgent.class).agentId()).isEqualTo("a");
        r.tick(14_999);
        assertThat(r.all(CardEvent.AgentMissed.class)).isEmpty();
        r.tick(15_000);
        assertThat(r.last(Command.CancelAgent.class)).isEqualTo(new Command.CancelAgent(1, "a"));
        assertThat(r.last(CardEvent.AgentMissed.class)).isEqualTo(new CardEvent.AgentMissed(1, Rig.T0 + 15_000, "a", "no answer"));
        assertThat(r.engine.agentState("a")).isEqualTo(AgentState.NOT_READY);
        r.login(20_000, "b");
        assertThat(r.last(Command.RingAgent.class)).isEqualTo(new Command.RingAgent(1, "b", "7b")); // call 1, not 2
    }

    @Test
    void aRejectedRingIsAMissToo() {
        Rig r = Rig.withAgents(agent("a", SFR1), agent("b", SFR1));
        r.login(0, "a", "b").call(0, 1, null).firstLine(0, 1);
        r.at(500, new Input.AgentRejected(1, "a", "486 Busy Here"));
        assertThat(r.engine.agentState("a")).isEqualTo(AgentState.NOT_READY);
        assertThat(r.last(Command.RingAgent.class).agentId()).isEqualTo("b");
    }

    @Test
    void noOperatorIsLeftReservedOrTalkingOnceTheCallIsGone() {
        Rig r = Rig.withAgents(agent("a", SFR1), agent("b", SFR1));
        r.login(0, "a", "b");
        r.call(0, 1, null).firstLine(0, 1).at(2_000, new Input.CallerHungUp(1, "CANCEL")); // while ringing
        assertThat(r.all(Command.CancelAgent.class)).containsExactly(new Command.CancelAgent(1, "a"));
        assertThat(r.engine.agentState("a")).isEqualTo(AgentState.READY);
        r.call(3_000, 2, null).firstLine(3_000, 2).answer(4_000, 2, "b").at(9_000, new Input.CallerHungUp(2, "BYE")); // while talking
        assertThat(r.engine.agentState("b")).isEqualTo(AgentState.WRAP_UP);
        assertThat(r.last(Command.HangUp.class)).isEqualTo(new Command.HangUp(2, "caller hung up"));
        r.at(12_000, new Input.WrapUpFinished("b"));
        assertThat(r.engine.agentState("b")).isEqualTo(AgentState.READY);
        // late events for a gone call change nothing
        r.answer(13_000, 1, "a").at(13_000, new Input.AgentHungUp(2, "b"));
        assertThat(r.engine.agentState("a")).isEqualTo(AgentState.READY);
        assertThat(r.engine.activeCalls()).isZero();
        assertThat(r.engine.pendingTimers()).isZero();
    }

    @Test
    void anOperatorLoggingOutWhileRingingHandsTheRequestBack() {
        Rig r = Rig.withAgents(agent("a", SFR1), agent("b", SFR1));
        r.login(0, "a", "b").call(0, 1, null).firstLine(0, 1);
        r.at(1_000, new Input.AgentLoggedOut("a", "end of shift"));
        assertThat(r.engine.agentState("a")).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(r.last(Command.RingAgent.class).agentId()).isEqualTo("b");
    }

    @Test
    void callerSilentFor60_000sOnThePhoneIsStillServed_60_001sWarnsTheOperator_R33() {
        Rig r = Rig.withAgents(agent("a", SFR1));
        r.login(0, "a").call(0, 1, null).firstLine(0, 1).answer(1_000, 1, "a")
                .at(2_000, new Input.VoiceActivity(1, true)).at(5_000, new Input.VoiceActivity(1, false)).tick(65_000);
        assertThat(r.all(Command.WarnAgent.class)).isEmpty();
        r.tick(65_001);
        assertThat(r.last(Command.WarnAgent.class).agentId()).isEqualTo("a");
    }

    @Test
    void anOperatorWhoDoesNotActAfterTheWarningHasTheServiceClosedWithAReason_R33_R34() {
        Rig r = Rig.withAgents(agent("a", SFR1));
        r.login(0, "a").call(0, 1, null).firstLine(0, 1).answer(1_000, 1, "a").tick(61_001).tick(91_000);
        assertThat(r.all(Command.HangUp.class)).isEmpty();
        r.tick(91_001);
        assertThat(r.last(Command.HangUp.class)).isEqualTo(new Command.HangUp(1, "caller silent"));
        r.at(100_000, new Input.WrapUpFinished("a"));
        CardEvent.CardClosed closed = r.last(CardEvent.CardClosed.class);
        assertThat(closed.status()).isEqualTo("interrupted");
        assertThat(closed.reason()).contains("R33", "R34");
    }

    @Test
    void anOperatorWhoActsAfterTheWarningKeepsTheCall_R34() {
        Rig r = Rig.withAgents(agent("a", SFR1));
        r.login(0, "a").call(0, 1, null).firstLine(0, 1).answer(1_000, 1, "a").tick(61_001)
                .at(70_000, new Input.OperatorNote(1, "a", Map.of("comment", "уточняю вопрос"))).tick(91_001);
        assertThat(r.all(Command.HangUp.class)).isEmpty();
        assertThat(r.engine.agentState("a")).isEqualTo(AgentState.TALKING);
    }

    @Test
    void inTheTextChannelTheCallerHasFiveMinutes_R33() {
        Rig r = Rig.withAgents(agent("a", SFR1));
        r.login(0, "a").chat(0, 1).firstLine(0, 1).answer(1_000, 1, "a").tick(301_000);
        assertThat(r.all(Command.WarnAgent.class)).isEmpty();
        r.tick(301_001);
        assertThat(r.all(Command.WarnAgent.class)).hasSize(1);
    }

    @Test
    void noOperatorsForTheSkillMakesTheRequestUnansweredAtOnce_R28() {
        Rig r = Rig.withAgents(agent("a", ROSTRUD1));
        r.call(0, 1, null).firstLine(3_000, 1);
        assertThat(r.last(CardEvent.Unanswered.class)).isEqualTo(new CardEvent.Unanswered(1, Rig.T0 + 3_000, "нет операторов с навыком СФР-1 линия", "СФР-1 линия"));
        assertThat(r.last(CardEvent.CardClosed.class).status()).isEqualTo("unanswered");
        assertThat(r.engine.unanswered(Line.FIRST)).hasSize(1);
    }

    @Test
    void eachLineHasItsOwnCallBackList_R28_R29() {
        Rig r = Rig.withAgents(agent("a", SFR1), agent("k", KRD2));
        r.call(0, 1, null).firstLine(0, 1).call(0, 2, "Краснодарский край").robot(0, 2, RobotOutcome.SECOND_LINE, "SFR", null)
                .at(5_000, new Input.CallerHungUp(1, "BYE")).at(6_000, new Input.CallerHungUp(2, "BYE"));
        assertThat(r.engine.unanswered(Line.FIRST)).extracting(UnansweredRequest::card).containsExactly(1L);
        assertThat(r.engine.unanswered(Line.SECOND)).extracting(UnansweredRequest::card, UnansweredRequest::region)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "Краснодарский край"));
    }

    @Test
    void aBookedCallBackDialsTheCitizenAtItsTimeWithPriority_R20_R25() {
        Rig r = Rig.withAgents(agent("k", KRD2));
        long at = 3_600_000;
        r.login(0, "k").call(0, 1, "Краснодарский край").robot(0, 1, RobotOutcome.SECOND_LINE, "SFR", null).answer(1_000, 1, "k")
                .at(60_000, new Input.CallbackBooked(1, "k", Rig.T0 + at, "подготовить справку"))
                .at(61_000, new Input.AgentHungUp(1, "k")).at(70_000, new Input.WrapUpFinished("k"));
        assertThat(r.all(CardEvent.CardClosed.class)).isEmpty(); // deferred: the card stays open
        r.call(at - 10_000, 2, "Краснодарский край").robot(at - 10_000, 2, RobotOutcome.SECOND_LINE, "SFR", null)
                .answer(at - 9_000, 2, "k").tick(at);
        assertThat(r.last(CardEvent.Queued.class)).isEqualTo(new CardEvent.Queued(1, Rig.T0 + at, "ОСФР Краснодарский край, 2 линия", 10));
        r.at(at + 5_000, new Input.AgentHungUp(2, "k")).at(at + 6_000, new Input.WrapUpFinished("k"));
        assertThat(r.last(Command.DialCitizen.class)).isEqualTo(new Command.DialCitizen(1, "k", "+79000000001"));
        r.answer(at + 7_000, 1, "k").at(at + 60_000, new Input.CallerHungUp(1, "BYE")).at(at + 70_000, new Input.WrapUpFinished("k"));
        assertThat(r.all(CardEvent.CardClosed.class, c -> c.card() == 1)).hasSize(1);
        assertThat(r.all(CardEvent.SlaBreached.class)).isEmpty();
    }

    @Test
    void aCallBackKeepsItsOriginalPlaceInLine_R25() {
        Rig r = Rig.withAgents(agent("k", KRD2), agent("m", KRD2));
        r.login(0, "k", "m");
        // cards 1 and 2 both become deferred; 2's call-back is due first, but 1 stood in line first
        r.call(0, 1, "Краснодарский край").robot(0, 1, RobotOutcome.SECOND_LINE, "SFR", null).answer(100, 1, "k");
        r.call(10, 2, "Краснодарский край").robot(10, 2, RobotOutcome.SECOND_LINE, "SFR", null).answer(110, 2, "m");
        r.at(1_000, new Input.CallbackBooked(1, "k", Rig.T0 + 200_000, "")).at(1_000, new Input.CallbackBooked(2, "m", Rig.T0 + 100_000, ""));
        r.at(2_000, new Input.AgentHungUp(1, "k")).at(2_000, new Input.AgentHungUp(2, "m"));
        r.at(3_000, new Input.AgentAvailability("k", false, "break")).at(3_000, new Input.AgentAvailability("m", false, "break"));
        r.at(3_000, new Input.WrapUpFinished("k")).at(3_000, new Input.WrapUpFinished("m"));
        r.call(150_000, 3, "Краснодарский край").robot(150_000, 3, RobotOutcome.SECOND_LINE, "SFR", null).tick(250_000);
        r.clear();
        r.at(260_000, new Input.AgentAvailability("k", true, null));
        assertThat(r.last(Command.DialCitizen.class).callId()).isEqualTo(1); // call-backs first (R25), 1 before 2
        r.at(260_000, new Input.AgentAvailability("m", true, null));
        assertThat(r.last(Command.DialCitizen.class).callId()).isEqualTo(2);
    }

    @Test
    void theSupervisorAssignsADeferredRequestToOneOperator_R24() {
        Rig r = Rig.withAgents(agent("k", KRD2), agent("m", KRD2));
        r.login(0, "k").call(0, 1, "Краснодарский край").robot(0, 1, RobotOutcome.SECOND_LINE, "SFR", null).answer(100, 1, "k")
                .at(1_000, new Input.CallbackBooked(1, "k", Rig.T0 + 100_000, "")).at(1_000, new Input.SupervisorAssigned(1, "m"))
                .at(2_000, new Input.AgentHungUp(1, "k")).at(3_000, new Input.WrapUpFinished("k")).tick(100_000);
        assertThat(r.all(Command.DialCitizen.class)).isEmpty(); // k is free, but it is m's
        r.login(120_000, "m");
        assertThat(r.last(Command.DialCitizen.class)).isEqualTo(new Command.DialCitizen(1, "m", "+79000000001"));
    }

    @Test
    void aDeferredRequestNotAnsweredWithinEightWorkingHoursIsABreach_R27() {
        // Kamchatka (UTC+12): booked Tuesday 2026-12-01 20:00 local, after the working day
        Rig r = Rig.withAgents(agent("kam", Skill.secondLine(Participant.SFR, "Камчатский край")));
        long booked = java.time.Instant.parse("2026-12-01T08:00:00Z").toEpochMilli() - Rig.T0;
        r.login(0, "kam").call(0, 1, "Камчатский край").robot(0, 1, RobotOutcome.SECOND_LINE, "SFR", null).answer(100, 1, "kam")
                .at(booked + 1_000, new Input.CallbackBooked(1, "kam", Rig.T0 + 400_000_000L, "")) // far later
                .at(booked + 2_000, new Input.AgentHungUp(1, "kam")).at(booked + 3_000, new Input.WrapUpFinished("kam"));
        // 8 working hours from 20:00:01 Tue local: Wed 09:00–17:00:00 local = 2026-12-02T05:00:00Z
        long deadline = java.time.Instant.parse("2026-12-02T05:00:00Z").toEpochMilli() - Rig.T0;
        r.tick(deadline);
        assertThat(r.all(CardEvent.SlaBreached.class)).isEmpty();
        r.tick(deadline + 1);
        CardEvent.SlaBreached b = r.last(CardEvent.SlaBreached.class);
        assertThat(b.rule()).isEqualTo("R27");
        assertThat(b.limitMillis()).isEqualTo(deadline - booked - 1_000);
    }

    @Test
    void theCardRecordsRobotTimeQueueWaitOperatorTalkWrapUpAndTotal_R30() {
        Rig r = Rig.withAgents(agent("25722", SFR1));
        r.login(0, "25722").call(0, 1, "Москва").robot(40_000, 1, RobotOutcome.FIRST_LINE, "SFR", null)
                .answer(52_000, 1, "25722").at(53_000, new Input.VoiceActivity(1, true)).at(172_000, new Input.AgentHungUp(1, "25722")).at(202_000, new Input.WrapUpFinished("25722"));
        assertThat(r.last(CardEvent.RobotDialogEnded.class).robotMillis()).isEqualTo(40_000);
        assertThat(r.last(CardEvent.OperatorConnected.class)).isEqualTo(new CardEvent.OperatorConnected(1, Rig.T0 + 52_000,
                "25722", "Оператор 25722", "725722", "СФР-1 линия", Line.FIRST, 12_000));
        assertThat(r.last(CardEvent.OperatorReleased.class).talkMillis()).isEqualTo(120_000);
        assertThat(r.last(CardEvent.WrapUpEnded.class).wrapUpMillis()).isEqualTo(30_000);
        assertThat(r.last(CardEvent.CardClosed.class).totalMillis()).isEqualTo(202_000);
        assertThat(r.all(CardEvent.CardClosed.class)).hasSize(1);
    }

    @Test
    void longestIdleOperatorGetsTheRequestByDefault() {
        Rig r = Rig.withAgents(agent("a", SFR1), agent("b", SFR1));
        r.login(0, "b").login(1_000, "a").call(2_000, 1, null).firstLine(2_000, 1);
        assertThat(r.last(Command.RingAgent.class).agentId()).isEqualTo("b");
    }

    @Test
    void fewestCallsAndProficiencyAreOptions() {
        Rig r = new Rig(EngineSettings.defaults().withRobot(true).withDistribution(Distribution.PROFICIENCY)
                .withAgents(java.util.List.of(agent("low", 2, SFR1), agent("high", 9, SFR1))));
        r.login(0, "high").login(0, "low").call(1_000, 1, null).firstLine(1_000, 1);
        assertThat(r.last(Command.RingAgent.class).agentId()).isEqualTo("high");

        Rig f = new Rig(EngineSettings.defaults().withRobot(true).withDistribution(Distribution.FEWEST_CALLS)
                .withAgents(java.util.List.of(agent("a", SFR1), agent("b", SFR1))));
        f.login(0, "a").call(0, 1, null).firstLine(0, 1).answer(100, 1, "a").at(200, new Input.AgentHungUp(1, "a"))
                .at(300, new Input.WrapUpFinished("a")).login(400, "b");
        f.call(500, 2, null).firstLine(500, 2); // a has been idle longer, but b has taken fewer calls
        assertThat(f.last(Command.RingAgent.class).agentId()).isEqualTo("b");
    }

    @Test
    void theSupervisorLetsASecondLineOperatorWorkTheFirstLine_R38() {
        Rig r = Rig.withAgents(agent("k", KRD2), agent("f", SFR1)); // f is not logged in
        r.login(0, "k").call(0, 1, null).firstLine(0, 1);
        assertThat(r.all(Command.RingAgent.class)).isEmpty();
        r.at(1_000, new Input.FirstLineAllowed("k", true));
        assertThat(r.last(Command.RingAgent.class).agentId()).isEqualTo("k");
        r.answer(2_000, 1, "k").at(3_000, new Input.AgentHungUp(1, "k")).at(4_000, new Input.FirstLineAllowed("k", false))
                .at(5_000, new Input.WrapUpFinished("k")).call(6_000, 2, null).firstLine(6_000, 2);
        assertThat(r.all(Command.RingAgent.class)).hasSize(1);
    }

    @Test
    void aPhoneRegistrationLogsTheOperatorIn() {
        Rig r = Rig.withAgents(agent("a", SFR1));
        r.at(0, new Input.AgentRegistered("a", "sip:a@10.0.0.5:5062", Rig.T0 + 3_600_000)).call(0, 1, null).firstLine(0, 1);
        assertThat(r.last(Command.RingAgent.class)).isEqualTo(new Command.RingAgent(1, "a", "sip:a@10.0.0.5:5062"));
        r.at(1_000, new Input.AgentUnregistered("a", "expired"));
        assertThat(r.last(Command.CancelAgent.class)).isEqualTo(new Command.CancelAgent(1, "a"));
        assertThat(r.engine.queueLength("СФР-1 линия")).isEqualTo(1);
    }

    @Test
    void theSameInputsGiveTheSameDecisions() {
        java.util.List<Object> first = null;
        for (int run = 0; run < 2; run++) {
            Rig r = Rig.withAgents(agent("a", SFR1), agent("b", SFR1), agent("k", KRD2));
            r.login(0, "a", "b", "k");
            for (int i = 1; i <= 20; i++) {
                r.call(i * 700, i, i % 3 == 0 ? "Краснодарский край" : null)
                        .robot(i * 700 + 5_000, i, i % 3 == 0 ? RobotOutcome.SECOND_LINE : RobotOutcome.FIRST_LINE, "SFR", null);
            }
            r.tick(600_000);
            if (first == null) {
                first = r.out;
            } else {
                assertThat(r.out).isEqualTo(first);
            }
        }
    }
}
