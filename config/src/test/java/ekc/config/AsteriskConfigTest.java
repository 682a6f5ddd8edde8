package ekc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AsteriskConfigTest {

    @Test
    void asteriskIsOffByDefaultAndItsSecretIsNeverInTheFile() {
        AsteriskConfig a = EkcConfig.defaults().asterisk();
        assertThat(a.enabled()).isFalse();
        assertThat(a.amiPort()).isEqualTo(5038);
        assertThat(a.agiPort()).isEqualTo(4573);
        assertThat(a.amiSecretEnv()).isEqualTo("EKC_AMI_SECRET");
        assertThat(a.amiSecretFile()).isNull();
        assertThatThrownBy(() -> read("asterisk:\n  amiSecret: hunter2\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("field 'asterisk.amiSecret'");
    }

    @Test
    void agentsAndRoutesAreRead() {
        AsteriskConfig a = read("asterisk:\n  enabled: true\n  agents:\n    \"25722\": PJSIP/2001\n"
                + "  routes:\n    sales: {queue: support, prompt: ekc/welcome}\n    vip: {agent: \"25722\"}\n").asterisk();
        assertThat(a.agents()).containsEntry("25722", "PJSIP/2001");
        assertThat(a.routes().get("sales")).isEqualTo(new AsteriskRoute("support", null, "ekc/welcome"));
        assertThat(a.routes().get("vip").agent()).isEqualTo("25722");
    }

    @Test
    void aRouteToAnUnknownAgentOrABadDeviceNamesTheProblem() {
        assertThatThrownBy(() -> read("asterisk:\n  routes:\n    vip: {agent: \"999\"}\n"))
                .hasMessageContaining("route vip: agent 999 is not in asterisk.agents");
        assertThatThrownBy(() -> read("asterisk:\n  agents:\n    \"1\": \"2001\"\n"))
                .hasMessageContaining("device must look like PJSIP/2001");
    }

    private static EkcConfig read(String yaml) {
        return ConfigLoader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
