package ekc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void embeddedDefaultsAreWhatAnEmptyFileGives() {
        assertThat(ConfigLoader.embedded()).isEqualTo(EkcConfig.defaults());
        assertThat(read("")).isEqualTo(EkcConfig.defaults());
    }

    @Test
    void aPartialFileKeepsTheOtherDefaults() {
        EkcConfig c = read("sip:\n  port: 5070\n");
        assertThat(c.sip().port()).isEqualTo(5070);
        assertThat(c.sip().host()).isEqualTo("127.0.0.1");
        assertThat(c.hotline().numbers()).containsExactly("+78001000001");
    }

    @Test
    void anUnknownFieldNamesFileLineAndField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ekc.yaml");
        Files.writeString(f, "sip:\n  host: 127.0.0.1\n  prot: 5070\n");
        assertThatThrownBy(() -> ConfigLoader.load(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(f + ":3:")
                .hasMessageContaining("field 'sip.prot'");
    }

    @Test
    void aBadValueNamesFileLineAndField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ekc.yaml");
        Files.writeString(f, "media:\n  rtpPortMin: 30000\n  rtpPortMax: 20000\nsip:\n  port: many\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).hasMessageContaining(f + ":1:").hasMessageContaining("field 'media'").hasMessageContaining("rtpPortMin 30000 is above rtpPortMax 20000");
        Files.writeString(f, "sip:\n  port: many\n");
        assertThatThrownBy(() -> ConfigLoader.load(f)).hasMessageContaining(f + ":2:").hasMessageContaining("field 'sip.port'");
    }

    @Test
    void mediaRealtimePriorityIsOffByDefaultAndASchedFifoPriorityWhenSet() {
        assertThat(EkcConfig.defaults().media().realtimePriority()).isZero();
        assertThat(read("media:\n  realtimePriority: 10\n").media().realtimePriority()).isEqualTo(10);
        assertThatThrownBy(() -> read("media:\n  realtimePriority: 100\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("realtimePriority must be 0 (off) or 1-99");
    }

    @Test
    void mediaTransportIsAutoByDefaultAndOneOfTheKnownOnes() {
        assertThat(EkcConfig.defaults().media().transport()).isEqualTo("auto");
        assertThat(read("media:\n  transport: epoll\n").media().transport()).isEqualTo("epoll");
        assertThat(read("media:\n  transport: io_uring\n").media().transport()).isEqualTo("io_uring");
        assertThatThrownBy(() -> read("media:\n  transport: uring\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("transport must be one of auto, io_uring, epoll, nio, not uring");
    }

    @Test
    void hotlineNumbersInEveryUsualFormAreOneNumber_R1() {
        PhoneNumbers n = new PhoneNumbers("RU");
        assertThat(n.e164("8-800-100-0-001")).contains("+78001000001");
        assertThat(n.e164("88001000001")).contains("+78001000001");
        assertThat(n.e164("+78001000001")).contains("+78001000001");
        assertThat(n.e164("8 (800) 100-00-01")).contains("+78001000001");
        assertThat(n.e164("hotline")).isEmpty();
    }

    @Test
    void aKrasnodarLandlineIsInKrasnodarKrai() {
        PhoneNumbers n = new PhoneNumbers("RU");
        assertThat(n.region("+78612000000")).contains("Краснодарский край");
        assertThat(n.region("+78001000001")).isEmpty();
    }

    @Test
    void commandLineOverridesReplaceOneFieldAndAreValidated() {
        EkcConfig c = ConfigLoader.withOverrides(EkcConfig.defaults(), java.util.Map.of("sip.port", 5071, "sip.host", "0.0.0.0"));
        assertThat(c.sip().port()).isEqualTo(5071);
        assertThat(c.sip().host()).isEqualTo("0.0.0.0");
        assertThat(c.media()).isEqualTo(EkcConfig.defaults().media());
        assertThatThrownBy(() -> ConfigLoader.withOverrides(EkcConfig.defaults(), java.util.Map.of("sip.port", 70000)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("port must be 0..65535");
    }

    private static EkcConfig read(String yaml) {
        return ConfigLoader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
