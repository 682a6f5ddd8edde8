package ekc.robot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Utterances over the real English model when every recognizer allowed is busy. */
class UtteranceTest {

    private static SpeechModel model;

    @BeforeAll
    static void load() {
        model = SpeechModel.open(RobotEndToEndTest.modelDir(), "en");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void anUtteranceWaitsForABusyRecognizerAndCatchesUpWithoutLosingWords() {
        short[] first = Speech.say("en", "What is the retirement age?");
        short[] second = Speech.say("en", "I want to talk to an operator");
        Utterance a = new Utterance(model, null, 1);
        Utterance b = new Utterance(model, null, 1); // the limit is reached: b buffers
        feed(a, first);
        feed(b, second);
        assertThat(b.partial()).isEmpty();
        assertThat(a.finish().text()).isEqualTo("what is the retirement age");
        assertThat(b.finish().text()).contains("talk to an operator");
        assertThat(model.recognizers()).isEqualTo(1);
    }

    private static void feed(Utterance u, short[] pcm) {
        for (int at = 0; at + Caller.FRAME <= pcm.length; at += Caller.FRAME) {
            u.accept(java.util.Arrays.copyOfRange(pcm, at, at + Caller.FRAME), Caller.FRAME);
        }
    }
}
