package ekc.recordings;

import ekc.engine.CardEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static ekc.recordings.Calls.T0;
import static org.assertj.core.api.Assertions.assertThat;

class CardsTest {

    @TempDir
    Path dir;

    private void journal(List<List<CardEvent>> calls) {
        try (Journal j = Journal.open(dir)) {
            calls.forEach(c -> c.forEach(j::append));
            j.flush();
        }
    }

    @Test
    void R30_R32_aCardIsTheFoldOfItsEvents() {
        journal(List.of(Calls.deckCall(37048911, T0)));
        try (Cards cards = Cards.open(dir)) {
            Card c = cards.get(37048911).orElseThrow();
            assertThat(c.caller()).isEqualTo("+78612000000");
            assertThat(c.region()).isEqualTo("Краснодарский край");
            assertThat(c.status()).isEqualTo("served");
            assertThat(c.queueMillis()).isEqualTo(80_000);
            assertThat(c.robotMillis()).isEqualTo(34_000);
            assertThat(c.topics()).containsExactly("Пенсия", "Выплаты");
            assertThat(c.activities()).extracting(Card.Activity::skill)
                    .containsExactly(null, "СФР-1 линия", "ОСФР Краснодарский край, 2 линия");
            assertThat(c.activities()).allMatch(a -> a.endedAt() > 0);
            assertThat(c.transcript()).extracting(Card.Utterance::text).contains("хочу узнать про пенсию");
            assertThat(c.wrapUpMillis()).isEqualTo(9_000);
            assertThat(c.totalMillis()).isEqualTo(154_000);
            assertThat(c.closedAt()).isEqualTo(T0 + 229_000);
        }
    }

    @Test
    void R6_theSecondLineSeesWhatTheFirstLineEntered() {
        journal(List.of(Calls.deckCall(7, T0)));
        try (Cards cards = Cards.open(dir)) {
            Card c = cards.get(7).orElseThrow();
            assertThat(c.notes()).extracting(Card.Note::agentId).containsExactly("op-17", "op-2");
            assertThat(c.fields()).containsEntry(OperatorFields.QUESTIONS, "Размер пенсии")
                    .containsEntry(OperatorFields.ANSWER, "Размер назначен верно")
                    .containsEntry(OperatorFields.SOURCE, "База знаний СФР");
        }
    }

    @Test
    void listIsNewestFirstAndFilters() {
        journal(List.of(Calls.robotCall(1, T0, "+79180000001"), Calls.deckCall(2, T0 + 60_000),
                Calls.robotCall(3, T0 + 120_000, "+79180000003")));
        try (Cards cards = Cards.open(dir)) {
            assertThat(cards.list(CardFilter.all())).extracting(Card::number).containsExactly(3L, 2L, 1L);
            assertThat(cards.list(CardFilter.all().withLimit(2))).extracting(Card::number).containsExactly(3L, 2L);
            assertThat(cards.list(CardFilter.all().withCaller("+79180000001"))).extracting(Card::number).containsExactly(1L);
            assertThat(cards.list(CardFilter.all().withStatus("served"))).extracting(Card::number).containsExactly(2L);
            assertThat(cards.list(CardFilter.all().withTopic("Маткапитал"))).extracting(Card::number).containsExactly(3L, 1L);
            assertThat(cards.list(CardFilter.all().withTopic("Выплаты"))).extracting(Card::number).containsExactly(2L);
            assertThat(cards.list(CardFilter.all().withOperator("op-2"))).extracting(Card::number).containsExactly(2L);
            assertThat(cards.list(CardFilter.all().withOperator("Пилипон Юлия"))).extracting(Card::number).containsExactly(2L);
            assertThat(cards.list(CardFilter.all().withPeriod(T0 + 1, T0 + 120_000))).extracting(Card::number)
                    .containsExactly(2L);
            assertThat(cards.get(99)).isEmpty();
        }
    }

    @Test
    void cardsReceivedOutOfOrderOrAtTheSameMomentListNewestFirst() {
        journal(List.of(Calls.robotCall(5, T0 + 60_000, "+79180000005"), Calls.robotCall(4, T0, "+79180000004"),
                Calls.robotCall(7, T0 + 60_000, "+79180000007"), Calls.robotCall(6, T0 + 60_000, "+79180000006")));
        try (Cards cards = Cards.open(dir)) {
            assertThat(cards.list(CardFilter.all())).extracting(Card::number).containsExactly(7L, 6L, 5L, 4L);
            assertThat(cards.list(CardFilter.all().withPeriod(T0, T0 + 60_000))).extracting(Card::number).containsExactly(4L);
            assertThat(cards.list(CardFilter.all().withStatus("answered-by-robot").withLimit(3))).extracting(Card::number)
                    .containsExactly(7L, 6L, 5L);
        }
    }

    @Test
    void aRecordWrittenByANewerEkcIsSkipped() {
        try (net.openhft.chronicle.queue.impl.single.SingleChronicleQueue q = Queues.open(dir.resolve(Queues.CARDS))) {
            net.openhft.chronicle.queue.ExcerptAppender a = q.createAppender();
            try (net.openhft.chronicle.wire.DocumentContext dc = a.writingDocument()) {
                dc.wire().bytes().writeUtf8("CardTeleported").writeLong(1).writeLong(T0).writeUtf8("Марс");
            }
        }
        journal(List.of(Calls.robotCall(1, T0, "+79180000001")));
        try (Cards cards = Cards.open(dir)) {
            assertThat(cards.events(1)).hasSize(5);
            assertThat(cards.get(1).orElseThrow().status()).isEqualTo("answered-by-robot");
            assertThat(cards.list(CardFilter.all().withCaller("+79180000001"))).hasSize(1);
        }
    }

    @Test
    void regionIsUnknownWhenTheEngineCouldNotTell() {
        journal(List.of(Calls.robotCall(5, T0, "+79990000000")));
        try (Cards cards = Cards.open(dir)) {
            assertThat(cards.get(5).orElseThrow().region()).isEqualTo("unknown");
        }
    }

    @Test
    void followsEventsAppendedWhileOpen() {
        try (Journal j = Journal.open(dir); Cards cards = Cards.open(dir)) {
            List<CardEvent> call = Calls.robotCall(9, T0, "+79180000009");
            j.append(call.get(0));
            assertThat(cards.get(9).orElseThrow().status()).isEqualTo(Card.IN_PROGRESS);
            call.subList(1, call.size()).forEach(j::append);
            assertThat(cards.get(9).orElseThrow().status()).isEqualTo("answered-by-robot");
            assertThat(cards.list(CardFilter.all().withStatus(Card.IN_PROGRESS))).isEmpty();
        }
    }

    @Test
    void anEmptyDataDirectoryHasNoCards() {
        try (Cards cards = Cards.open(dir.resolve("nothing-here"))) {
            assertThat(cards.list(CardFilter.all())).isEmpty();
        }
    }

    @Test
    void aCardIsClosedOnlyOnce() {
        journal(List.of(Calls.robotCall(4, T0, "+79180000004"),
                List.of(new CardEvent.CardClosed(4, T0 + 99_000, "interrupted", "again", 1))));
        try (Cards cards = Cards.open(dir)) {
            Card c = cards.get(4).orElseThrow();
            assertThat(c.status()).isEqualTo("answered-by-robot");
            assertThat(c.closedAt()).isEqualTo(T0 + 31_000);
            assertThat(cards.events(4)).hasSize(6).last().isInstanceOf(CardEvent.CardClosed.class);
            assertThat(cards.events(5)).isEmpty();
        }
    }
}
