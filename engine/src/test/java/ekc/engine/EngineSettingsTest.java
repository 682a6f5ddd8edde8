package ekc.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ekc.config.ConfigLoader;
import ekc.config.EkcConfig;
import ekc.config.Regions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineSettingsTest {

    static EkcConfig read(String yaml) {
        return ConfigLoader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    }

    @Test
    void theConfigsOperatorsSlasAndRobotReachTheEngine() {
        EkcConfig config = read("""
                robot: {enabled: true}
                engine: {distribution: proficiency, ringNoAnswerSeconds: 7.5, firstLineSeconds: 45}
                agents:
                  - {id: "25722", name: Иванова Мария, extension: "2572", skills: [СФР-1 линия], proficiency: 3}
                  - {id: "31001", skills: ["ОСФР Кубань, 2 линия"], proficiency: 9}
                """);
        EngineSettings s = EngineSettings.of(config, Regions.embedded());
        assertThat(s.robotEnabled()).isTrue();
        assertThat(s.distribution()).isEqualTo(Distribution.PROFICIENCY);
        assertThat(s.ringNoAnswerMillis()).isEqualTo(7_500);
        assertThat(s.firstLineMillis()).isEqualTo(45_000);
        assertThat(s.agents().get(1).skills()).containsExactly(Skill.secondLine(Participant.SFR, "Краснодарский край"));

        List<Object> out = new ArrayList<>();
        Engine engine = new Engine(new Outputs() {
            @Override
            public void command(Command c) {
                out.add(c);
            }

            @Override
            public void fact(CardEvent e) {
                out.add(e);
            }
        }, config);
        engine.onInput(0, new Input.AgentLoggedIn("25722"));
        engine.onInput(0, new Input.CallOffered(1, "+79001234567", "+78001000001", null, Channel.VOICE, Direction.INBOUND));
        engine.onInput(1_000, new Input.RobotFinished(1, RobotOutcome.FIRST_LINE, "SFR", null, null));
        assertThat(out).contains(new Command.StartRobot(1, "ru"), new Command.RingAgent(1, "25722", "2572"));
        engine.onInput(8_500, Input.Tick.INSTANCE);
        assertThat(out).contains(new CardEvent.AgentMissed(1, 8_500, "25722", "no answer"));
    }

    @Test
    void aBadSkillNameNamesTheAgent() {
        EkcConfig config = read("agents:\n  - {id: \"7\", skills: [\"ОСФР, 2 линия\"]}\n");
        assertThatThrownBy(() -> EngineSettings.of(config, Regions.embedded()))
                .hasMessageContaining("agents[0] (id 7)");
    }

    @Test
    void theDefaultConstructorIsTheSkeletonWithTheRobotOff() {
        List<Object> out = new ArrayList<>();
        Engine engine = new Engine(new Outputs() {
            @Override
            public void command(Command c) {
                out.add(c);
            }

            @Override
            public void fact(CardEvent e) {
            }
        });
        engine.onInput(0, new Input.CallOffered(1, "+79001234567", "+78001000001", null, Channel.VOICE, Direction.INBOUND));
        assertThat(out).containsExactly(new Command.AnswerCall(1), new Command.PlayPrompt(1, Engine.GREETING));
    }
}
