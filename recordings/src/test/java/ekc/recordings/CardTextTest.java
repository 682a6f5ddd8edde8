package ekc.recordings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static ekc.recordings.Calls.T0;
import static org.assertj.core.api.Assertions.assertThat;

class CardTextTest {

    @TempDir
    Path dir;

    private Card deckCard() {
        try (Journal j = Journal.open(dir)) {
            Calls.deckCall(37048911, T0).forEach(j::append);
        }
        try (Cards cards = Cards.open(dir)) {
            return cards.get(37048911).orElseThrow();
        }
    }

    @Test
    void R32_theCardReadsLikeTheDecksScreen() {
        String text = CardText.render(deckCard());
        assertThat(text).contains("Обращение № 37048911", "Общая информация", "Карточка абонента",
                "Информация по обращению", "Таймлайн", "Информация по видам деятельности", "Комментарии к обращению");
        assertThat(text).contains("Краснодарский край", "Входящее", "Завершено", "Пилипон Юлия", "25722");
        assertThat(text).contains("22.11.2023 13:06:36  Входящий вызов. Диалог с роботом\n");
        assertThat(text).contains("22.11.2023 13:08:10  Входящий вызов. Диалог с оператором | СФР-1 линия | 25722");
        assertThat(text).contains("Входящий вызов. Диалог с оператором | ОСФР Краснодарский край, 2 линия");
        assertThat(text).containsPattern("Поступление в систему:\\s+13:06 22.11.2023");
        assertThat(text).containsPattern("Ожидание в очереди:\\s+00:01:20");
        assertThat(text).containsPattern("Постобработка:\\s+00:00:09");
        assertThat(text).containsPattern("Общая длительность:\\s+00:02:34");
        assertThat(text).contains("op-17: Нужна вторая линия");
        assertThat(text).contains("Гражданин: хочу узнать про пенсию");
    }

    @Test
    void theListHasOneLinePerCard() {
        Card c = deckCard();
        String list = CardText.lines(List.of(c, c));
        assertThat(list.lines()).hasSize(3);
        assertThat(CardText.line(c)).startsWith("37048911").contains("+78612000000", "Краснодарский край", "served",
                "Пенсия; Выплаты");
    }

    @Test
    void jsonCarriesTheWholeCard() {
        Card c = deckCard();
        String json = CardJson.write(c);
        assertThat(json).contains("\"region\" : \"Краснодарский край\"", "\"number\" : 37048911");
        assertThat(CardJson.read(json)).isEqualTo(c);
        assertThat(CardJson.write(List.of(c))).startsWith("[");
    }
}
