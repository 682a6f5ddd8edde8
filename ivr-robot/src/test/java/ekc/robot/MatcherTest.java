package ekc.robot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Transcripts as Vosk gives them (lower case, no punctuation) find their questions in the Russian sample. */
class MatcherTest {

    private static final KnowledgeBase RU = KnowledgeBaseLoader.embedded("ru");
    private static final Matcher MATCHER = new Matcher(RU);

    @ParameterizedTest
    @CsvSource({
            "подскажите когда мне выходить на пенсию, q-pension-age",
            "а во сколько лет женщины выходят на пенсию, q-pension-age",
            "сколько лет стажа нужно для пенсии, q-pension-conditions",
            "хочу оформить пенсию, q-pension-apply",
            "какие документы нужны чтобы назначили пенсию, q-pension-documents",
            "на что можно потратить маткапитал, q-capital-use",
            "какой остаток маткапитала, q-capital-balance",
            "почему мне уменьшили пенсию, q-pension-amount",
            "как оформить инвалидность, q-mse-how",
            "я не согласна с решением мсэ, q-mse-appeal",
            "меня уволили как встать на учет, q-unemployed-register",
            "мне задерживают зарплату, q-salary-delay",
            "как получить субсидию на оплату коммунальных услуг, q-housing-subsidy",
            "соедините меня с оператором пожалуйста, operator",
            "нет спасибо, done",
            "какие льготы положены многодетным семьям, q-large-family",
    })
    void russianMorphologyAndSynonymsFindTheQuestion_R7(String transcript, String question) {
        Matcher.Match m = MATCHER.best(transcript);
        assertThat(m).as(transcript).isNotNull();
        assertThat(m.question().id()).as(transcript).isEqualTo(question);
        assertThat(m.confidence()).as(transcript).isGreaterThanOrEqualTo(0.5);
    }

    @ParameterizedTest
    @CsvSource({"какая сегодня погода", "расскажи анекдот про слона", "э"})
    void whatTheKnowledgeBaseDoesNotCoverStaysBelowTheThreshold_R4(String transcript) {
        Matcher.Match m = MATCHER.best(transcript);
        assertThat(m == null || m.confidence() < 0.5).as(transcript + " → " + m).isTrue();
    }
}
