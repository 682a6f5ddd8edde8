package ekc.recordings;

import org.junit.jupiter.api.Test;

import java.util.List;

import static ekc.recordings.Calls.T0;
import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataTest {

    @Test
    void snilsIsMaskedHoweverItIsWritten() {
        assertThat(PersonalData.mask("029-478-248 91")).isEqualTo("***-***-248 91");
        assertThat(PersonalData.mask("СНИЛС 02947824891, спасибо")).isEqualTo("СНИЛС ***-***-248 91, спасибо");
        assertThat(PersonalData.mask("телефон +78612000000 или 88612000000")).isEqualTo("телефон +78612000000 или 88612000000");
        assertThat(PersonalData.mask((String) null)).isNull();
    }

    @Test
    void aMaskedCardShowsNoSnillsAnywhere() {
        CardFold fold = new CardFold(1);
        Calls.deckCall(1, T0).forEach(fold::apply);
        fold.apply(new ekc.engine.CardEvent.RobotUtterance(1, T0 + 1, "мой снилс 029 478 248 91", 0.8f));
        fold.apply(new ekc.engine.CardEvent.OperatorNote(1, T0 + 2, "op-2", java.util.Map.of("secretCode", "ромашка")));
        Card masked = PersonalData.mask(fold.toCard());
        String json = CardJson.write(masked);
        assertThat(json).doesNotContain("029-478", "029 478", "ромашка").contains("***-***-248 91");
        assertThat(masked.fields()).containsEntry(OperatorFields.SNILS, "***-***-248 91");
        assertThat(CardJson.write(List.of(masked))).doesNotContain("029-478");
    }
}
