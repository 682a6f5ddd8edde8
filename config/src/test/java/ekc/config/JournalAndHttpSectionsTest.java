package ekc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JournalAndHttpSectionsTest {

    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Test
    void defaultsKeepRecordingsThreeYearsAndTheApiOff() {
        EkcConfig c = EkcConfig.defaults();
        assertThat(c.journal().dir()).isEqualTo("journal");
        assertThat(c.journal().recordingRetentionDays()).isEqualTo(1095);
        assertThat(c.journal().minFreeMb()).isEqualTo(256);
        assertThat(c.http().enabled()).isFalse();
        assertThat(c.http().accounts()).isEmpty();
    }

    @Test
    void R38_accountsReadWithRoleTokenHashAndScope() {
        EkcConfig c = read("http:\n  enabled: true\n  port: 0\n  accounts:\n"
                + "    - {name: ivanova, role: supervisor, center: \"ОСФР Краснодарский край\", tokenSha256: \"" + HASH.toUpperCase() + "\"}\n"
                + "    - {name: op1, role: first-line-operator, agentId: \"25722\", tokenSha256: \"" + HASH + "\"}\n");
        assertThat(c.http().port()).isZero();
        assertThat(c.http().accounts()).extracting(HttpAccountConfig::role).containsExactly("supervisor", "first-line-operator");
        assertThat(c.http().accounts().get(0).tokenSha256()).isEqualTo(HASH);
        assertThat(c.http().accounts().get(1).agentId()).isEqualTo("25722");
    }

    @Test
    void badAccountsNameTheProblem() {
        assertThatThrownBy(() -> read("http:\n  accounts:\n    - {name: x, role: boss, tokenSha256: \"" + HASH + "\"}\n"))
                .hasMessageContaining("http").hasMessageContaining("boss");
        assertThatThrownBy(() -> read("http:\n  accounts:\n    - {name: x, role: supervisor, tokenSha256: secret}\n"))
                .hasMessageContaining("tokenSha256");
        assertThatThrownBy(() -> read("http:\n  accounts:\n    - {name: x, role: first-line-operator, tokenSha256: \"" + HASH + "\"}\n"))
                .hasMessageContaining("agentId");
        assertThatThrownBy(() -> read("journal:\n  recordingRetentionDays: 0\n")).hasMessageContaining("recordingRetentionDays");
    }

    private static EkcConfig read(String yaml) {
        return ConfigLoader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }
}
