package ekc.recordings;

import static ekc.recordings.DeferredWriter.KRD;
import static ekc.recordings.DeferredWriter.KRD2;
import static ekc.recordings.DeferredWriter.T0;
import static ekc.recordings.DeferredWriter.call;
import static org.assertj.core.api.Assertions.assertThat;

import ekc.engine.CardEvent;
import ekc.engine.Direction;
import ekc.engine.Command;
import ekc.engine.Engine;
import ekc.engine.Input;
import ekc.engine.Line;
import ekc.engine.RobotOutcome;
import ekc.engine.UnansweredRequest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R28, R29 across a restart, on the real journal: the requests left unanswered and not yet called back go back
 * on their lines' call-back lists, oldest first; one already called back does not; both cards of a call-back
 * name each other.
 */
class UnansweredRestartTest {

    @TempDir
    Path dir;

    private final List<Object> out = new ArrayList<>();

    private static void leftWaiting(Engine e, long id, long at) {
        e.onInput(at, call(id));
        e.onInput(at, new Input.RobotFinished(id, RobotOutcome.SECOND_LINE, "SFR", KRD, "pension"));
        e.onInput(at + 30_000, new Input.CallerHungUp(id, "BYE")); // nobody logged in: unanswered (R28)
    }

    @Test
    void unansweredRequestsNotYetCalledBackAreBackOnTheListAfterARestart_R28_R29() {
        try (Journal j = Journal.open(dir)) {
            Engine e = DeferredWriter.engine(j, out);
            leftWaiting(e, 1, T0);
            leftWaiting(e, 2, T0 + 60_000);
            leftWaiting(e, 3, T0 + 120_000);
            e.onInput(T0 + 200_000, new Input.AgentLoggedIn("k"));
            e.onInput(T0 + 201_000, new Input.UnansweredCallBack(50, 2, "k")); // 2 is called back before the stop
            j.flush();
        }
        try (Journal j = Journal.open(dir)) {
            Journal.Restart restart = j.restart(T0 + 3_600_000);
            assertThat(restart.closing()).extracting(CardEvent::card).containsOnly(50L); // the call-back's call was going
            assertThat(restart.unanswered()).containsExactly(
                    new Input.UnansweredRestored(1, "+78612000001", KRD, KRD2.name(), T0 + 30_000, "абонент не дождался оператора"),
                    new Input.UnansweredRestored(3, "+78612000003", KRD, KRD2.name(), T0 + 150_000, "абонент не дождался оператора"));
            restart.closing().forEach(j::append);
            Engine e = DeferredWriter.engine(j, out);
            restart.unanswered().forEach(u -> e.onInput(T0 + 3_600_000, u));
            assertThat(e.unanswered(Line.SECOND)).extracting(UnansweredRequest::card).containsExactly(1L, 3L);
            e.onInput(T0 + 3_601_000, new Input.AgentLoggedIn("m"));
            e.onInput(T0 + 3_602_000, new Input.UnansweredCallBack(60, 3, "m"));
            assertThat(out).contains(new Command.DialCitizen(60, "m", "+78612000003"));
            j.flush();
        }
        try (Cards cards = Cards.open(dir)) {
            Card request = cards.get(2).orElseThrow();
            assertThat(request.status()).isEqualTo("unanswered");
            assertThat(request.calledBackIn()).isEqualTo(50);
            assertThat(request.awaitsCallBack()).isFalse();
            assertThat(request.unansweredSkill()).isEqualTo(KRD2.name());
            assertThat(request.timeline()).extracting(Card.Entry::text).contains("Обратный звонок оператора k: обращение 50");
            Card callBack = cards.get(50).orElseThrow();
            assertThat(callBack.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(callBack.callbackOf()).isEqualTo(2);
            assertThat(callBack.caller()).isEqualTo("+78612000002");
            assertThat(cards.get(1).orElseThrow().awaitsCallBack()).isTrue();
            assertThat(cards.get(3).orElseThrow().calledBackIn()).isEqualTo(60);
        }
        try (Journal j = Journal.open(dir)) {
            assertThat(j.restart(T0 + 7_200_000).unanswered()).extracting(Input.UnansweredRestored::card).containsExactly(1L);
        }
    }
}
