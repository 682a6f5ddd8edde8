package ekc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EngineSectionsTest {

    @Test
    void defaultsAreTheRulesFigures_R5_R19_R27_R33() {
        EngineConfig e = EkcConfig.defaults().engine();
        assertThat(e.firstLineSeconds()).isEqualTo(60.0);
        assertThat(e.transferSeconds()).isEqualTo(60.0);
        assertThat(e.voiceSilenceSeconds()).isEqualTo(60.0);
        assertThat(e.textSilenceSeconds()).isEqualTo(300.0);
        assertThat(e.deferredWorkingHours()).isEqualTo(8.0);
        assertThat(e.distribution()).isEqualTo("longest-idle");
        assertThat(e.waitStrategy()).isEqualTo("blocking");
        assertThat(EkcConfig.defaults().robot().enabled()).isTrue();
        assertThat(EkcConfig.defaults().agents()).isEmpty();
    }

    @Test
    void agentsReadWithNameExtensionSkillsAndProficiency() {
        EkcConfig c = read("agents:\n  - {id: \"25722\", name: Иванова Мария, skills: [СФР-1 линия, \"ОСФР Краснодарский край, 2 линия\"], proficiency: 7}\n");
        AgentConfig a = c.agents().get(0);
        assertThat(a.extension()).isEqualTo("25722");
        assertThat(a.skills()).containsExactly("СФР-1 линия", "ОСФР Краснодарский край, 2 линия");
        assertThat(a.proficiency()).isEqualTo(7);
    }

    @Test
    void aBadSkillOrDistributionNamesTheField() {
        assertThatThrownBy(() -> read("agents:\n  - {id: a1, skills: [кухня]}\n")).hasMessageContaining("agents[0]").hasMessageContaining("кухня");
        assertThatThrownBy(() -> read("engine:\n  distribution: random\n")).hasMessageContaining("engine").hasMessageContaining("random");
        assertThatThrownBy(() -> read("engine:\n  waitStrategy: napping\n")).hasMessageContaining("waitStrategy").hasMessageContaining("napping");
        assertThat(read("engine:\n  waitStrategy: Backoff\n").engine().waitStrategy()).isEqualTo("backoff");
    }

    @Test
    void holidaysAreWeekdaysAndTheCalendarParses_R27() {
        CalendarConfig cal = EkcConfig.defaults().calendar();
        for (LocalDate d : cal.holidayDates()) {
            assertThat(d.getDayOfWeek()).as(d.toString()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        }
        assertThat(cal.holidayDates()).contains(LocalDate.of(2026, 1, 9), LocalDate.of(2026, 12, 31));
        assertThat(read("calendar:\n  workdays: [MON, TUE]\n").calendar().workdayList()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.TUESDAY);
        assertThatThrownBy(() -> read("calendar:\n  workdayStart: \"19:00\"\n")).hasMessageContaining("workdayStart");
    }

    private static EkcConfig read(String yaml) {
        return ConfigLoader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
