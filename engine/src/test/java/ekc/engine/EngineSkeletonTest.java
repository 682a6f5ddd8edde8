package ekc.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineSkeletonTest {

    final List<Object> out = new ArrayList<>();
    final Engine engine = new Engine(new Outputs() {
        @Override
        public void command(Command command) {
            out.add(command);
        }

        @Override
        public void fact(CardEvent event) {
            out.add(event);
        }
    });

    @Test
    void greetsSaysGoodbyeAndHangsUpWithEveryStepOnTheCard() {
        engine.onInput(1_000, new Input.CallOffered(7, "+78612000000", "+78001000001", "Краснодарский край", Channel.VOICE, Direction.INBOUND));
        engine.onInput(4_000, new Input.PromptFinished(7, Engine.GREETING, false));
        engine.onInput(6_000, new Input.PromptFinished(7, Engine.GOODBYE, false));

        assertThat(out).extracting(o -> o.getClass().getSimpleName()).containsExactly(
                "CardOpened", "AnswerCall", "RobotDialogStarted", "PromptPlayed", "PlayPrompt",
                "PromptPlayed", "PlayPrompt", "RobotDialogEnded", "HangUp", "CallEnded", "CardClosed");
        assertThat(out.get(out.size() - 1)).isEqualTo(new CardEvent.CardClosed(7, 6_000, "answered-by-robot", "робот завершил диалог", 5_000));
        assertThat(engine.activeCalls()).isZero();
    }

    @Test
    void callerHangingUpClosesTheCardOnce() {
        engine.onInput(1_000, new Input.CallOffered(8, "+79161234567", "+78001000001", null, Channel.VOICE, Direction.INBOUND));
        engine.onInput(2_500, new Input.CallerHungUp(8, "BYE"));
        engine.onInput(2_600, new Input.CallerHungUp(8, "BYE"));
        engine.onInput(3_000, new Input.PromptFinished(8, Engine.GREETING, false));

        assertThat(out).filteredOn(CardEvent.CardClosed.class::isInstance).hasSize(1);
        assertThat(out).filteredOn(Command.PlayPrompt.class::isInstance).hasSize(1);
    }

    @Test
    void skillNamesReadLikeTheDeckAndParseBack() {
        assertThat(Skill.firstLine(Participant.SFR).name()).isEqualTo("СФР-1 линия");
        assertThat(Skill.secondLine(Participant.SFR, "Краснодарский край").name()).isEqualTo("ОСФР Краснодарский край, 2 линия");
        for (Participant p : Participant.values()) {
            Skill s = Skill.secondLine(p, "Республика Саха (Якутия)");
            assertThat(Skill.parse(s.name())).isEqualTo(s);
            assertThat(Skill.parse(Skill.firstLine(p).name())).isEqualTo(Skill.firstLine(p));
        }
    }
}
