package ekc.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import ekc.engine.CardEvent;
import ekc.engine.Channel;
import ekc.engine.Direction;
import ekc.engine.Line;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an open card's events say about its deferred request, at restart. */
class DeferredRequestTest {

    private static final String KRD2 = "ОСФР Краснодарский край, 2 линия";

    private static DeferredRequest read(List<CardEvent> events) {
        DeferredRequest d = new DeferredRequest(1);
        for (int i = 0; i < events.size(); i++) {
            d.apply(100 + i, events.get(i));
        }
        return d;
    }

    private static List<CardEvent> booked(CardEvent... after) {
        List<CardEvent> l = new java.util.ArrayList<>(List.of(
                new CardEvent.CardOpened(1, 0, "+79180000001", null, Direction.INBOUND, Channel.VOICE, "+78001000001"),
                new CardEvent.Queued(1, 10, KRD2, 0),
                new CardEvent.OperatorConnected(1, 20, "k", "К", "31001", KRD2, Line.SECOND, 10),
                new CardEvent.CallbackBooked(1, 30, "k", 1_000, ""),
                new CardEvent.OperatorReleased(1, 40, "k", 20),
                new CardEvent.CallEnded(1, 40, "operator hung up")));
        l.addAll(List.of(after));
        return l;
    }

    @Test
    void aBookedCallBackNotYetMadeIsWaitingWithTheRegionOfItsSkill_R20_R27() {
        DeferredRequest d = read(booked());
        assertThat(d.waiting()).isTrue();
        assertThat(d.place()).isEqualTo(101);
        assertThat(d.input().region()).isEqualTo("Краснодарский край"); // the caller's zone counts the 8 hours
        assertThat(d.input().registeredAt()).isEqualTo(30);
        assertThat(d.input().callbackAt()).isEqualTo(1_000);
    }

    @Test
    void aCallBackQueuedOrRingingIsStillWaiting_R25() {
        assertThat(read(booked(new CardEvent.Queued(1, 1_000, KRD2, 10), new CardEvent.AgentRinging(1, 1_001, "k", KRD2),
                new CardEvent.AgentMissed(1, 1_020, "k", "no answer"))).waiting()).isTrue();
    }

    @Test
    void aCallBackAnsweredOrGivenUpIsNotWaiting_R27_R28() {
        assertThat(read(booked(new CardEvent.Queued(1, 1_000, KRD2, 10),
                new CardEvent.OperatorConnected(1, 1_010, "k", "К", "31001", KRD2, Line.SECOND, 10))).waiting()).isFalse();
        assertThat(read(booked(new CardEvent.Queued(1, 1_000, KRD2, 10),
                new CardEvent.Unanswered(1, 1_010, "абонент недоступен для обратного звонка", KRD2))).waiting()).isFalse();
    }

    @Test
    void aCallWithoutACallBackIsNotDeferred() {
        assertThat(read(List.of(new CardEvent.CardOpened(1, 0, "+79180000001", null, Direction.INBOUND, Channel.VOICE, "x"),
                new CardEvent.Queued(1, 10, KRD2, 0))).waiting()).isFalse();
    }
}
