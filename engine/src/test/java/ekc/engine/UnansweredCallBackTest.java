package ekc.engine;

import static ekc.engine.Rig.KRD2;
import static ekc.engine.Rig.SFR1;
import static ekc.engine.Rig.T0;
import static ekc.engine.Rig.agent;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** R28, R29: each line calls back its own unanswered requests, on a new outbound card; the lists survive a restart. */
class UnansweredCallBackTest {

    private static final String KRD = "Краснодарский край";

    @Test
    void anOperatorOfTheLineCallsAnUnansweredCallerBackOnANewOutboundCard_R29() {
        Rig r = Rig.withAgents(agent("a", SFR1), agent("k", KRD2));
        r.call(0, 1, null).firstLine(0, 1).at(5_000, new Input.CallerHungUp(1, "BYE")); // nobody logged in: left waiting
        assertThat(r.engine.unanswered(Line.FIRST)).extracting(UnansweredRequest::card).containsExactly(1L);
        r.login(10_000, "a", "k");
        r.clear();

        r.at(11_000, new Input.UnansweredCallBack(100, 1, "k")); // a second-line operator of another skill
        r.at(11_000, new Input.UnansweredCallBack(101, 1, "nobody"));
        r.at(11_000, new Input.UnansweredCallBack(102, 99, "a")); // not on any list
        assertThat(r.all(CardEvent.CardOpened.class)).isEmpty();
        assertThat(r.engine.unanswered(Line.FIRST)).hasSize(1);

        r.at(12_000, new Input.UnansweredCallBack(103, 1, "a"));
        assertThat(r.engine.unanswered(Line.FIRST)).isEmpty();
        assertThat(r.last(CardEvent.CardOpened.class)).isEqualTo(new CardEvent.CardOpened(103, T0 + 12_000, "+79000000001",
                r.last(CardEvent.CardOpened.class).region(), Direction.OUTBOUND, Channel.VOICE, null));
        assertThat(r.last(CardEvent.CallbackOf.class)).isEqualTo(new CardEvent.CallbackOf(103, T0 + 12_000, "a", 1));
        assertThat(r.last(CardEvent.CalledBack.class)).isEqualTo(new CardEvent.CalledBack(1, T0 + 12_000, "a", 103));
        assertThat(r.last(CardEvent.Queued.class)).isEqualTo(new CardEvent.Queued(103, T0 + 12_000, SFR1.name(), 10));
        // the number dialled is the request's, from its card
        assertThat(r.last(Command.DialCitizen.class)).isEqualTo(new Command.DialCitizen(103, "a", "+79000000001"));

        r.at(13_000, new Input.UnansweredCallBack(104, 1, "a")); // taken already: no second call-back
        assertThat(r.all(CardEvent.CardOpened.class)).hasSize(1);

        r.answer(20_000, 103, "a").at(80_000, new Input.CallerHungUp(103, "BYE")).at(90_000, new Input.WrapUpFinished("a"));
        CardEvent.CardClosed closed = r.last(CardEvent.CardClosed.class);
        assertThat(closed.card()).isEqualTo(103);
        assertThat(closed.status()).isEqualTo("served");
        assertThat(r.engine.agentState("a")).isEqualTo(AgentState.READY);
        assertThat(r.engine.activeCalls()).isZero();
    }

    @Test
    void aCallBackTheCitizenDoesNotAnswerIsBackOnTheListUnderItsNewCard_R28_R29() {
        Rig r = Rig.withAgents(agent("a", SFR1));
        r.call(0, 1, null).firstLine(0, 1).at(5_000, new Input.CallerHungUp(1, "BYE"));
        r.login(10_000, "a").at(11_000, new Input.UnansweredCallBack(200, 1, "a"));
        r.at(30_000, new Input.CallerHungUp(200, "no answer"));
        assertThat(r.engine.unanswered(Line.FIRST)).extracting(UnansweredRequest::card).containsExactly(200L);
        assertThat(r.last(CardEvent.CardClosed.class).status()).isEqualTo("unanswered");
        assertThat(r.engine.agentState("a")).isNotIn(AgentState.RESERVED, AgentState.TALKING);
    }

    @Test
    void restoredUnansweredRequestsAreBackOnTheirLinesListsAndCanBeCalledBack_R29() {
        Rig r = Rig.withAgents(agent("k", KRD2));
        r.at(0, new Input.UnansweredRestored(7, "+79000000007", KRD, KRD2.name(), T0 - 60_000, "абонент не дождался оператора"));
        r.at(0, new Input.UnansweredRestored(8, "+79000000008", null, null, T0 - 50_000, "абонент не дождался оператора"));
        r.at(0, new Input.UnansweredRestored(7, "+79000000007", KRD, KRD2.name(), T0 - 60_000, "twice")); // once only
        assertThat(r.engine.unanswered(Line.SECOND)).containsExactly(
                new UnansweredRequest(7, "+79000000007", KRD, KRD2.name(), Line.SECOND, T0 - 60_000, "абонент не дождался оператора"));
        assertThat(r.engine.unanswered(Line.FIRST)).extracting(UnansweredRequest::card).containsExactly(8L);
        r.login(1_000, "k").at(2_000, new Input.UnansweredCallBack(300, 7, "k"));
        assertThat(r.last(Command.DialCitizen.class)).isEqualTo(new Command.DialCitizen(300, "k", "+79000000007"));
        assertThat(r.engine.unanswered(Line.SECOND)).isEmpty();
        // the first line's request: a second-line operator has no first-line queue, so it stays
        r.at(3_000, new Input.UnansweredCallBack(301, 8, "k"));
        assertThat(r.engine.unanswered(Line.FIRST)).hasSize(1);
    }
}
