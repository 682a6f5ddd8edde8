package ekc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RegionsTest {

    final Regions regions = Regions.embedded();

    @Test
    void everyFederalSubjectOfRussiaIsThereOnce() {
        assertThat(regions.all()).hasSize(89);
        assertThat(regions.names()).doesNotHaveDuplicates()
                .contains("Краснодарский край", "Москва", "Республика Саха (Якутия)", "Калининградская область",
                        "Камчатский край", "Чукотский автономный округ", "Севастополь", "Херсонская область");
    }

    @Test
    void regionsSpanElevenTimeZonesFromKaliningradToKamchatka() {
        assertThat(regions.find("Калининградская область").orElseThrow().zone()).isEqualTo(ZoneId.of("Europe/Kaliningrad"));
        assertThat(regions.find("Новосибирская область").orElseThrow().zone()).isEqualTo(ZoneId.of("Asia/Novosibirsk"));
        assertThat(regions.find("Камчатский край").orElseThrow().zone()).isEqualTo(ZoneId.of("Asia/Kamchatka"));
        java.time.Instant now = java.time.Instant.parse("2026-06-01T00:00:00Z");
        assertThat(regions.all().stream().map(r -> r.zone().getRules().getOffset(now)).distinct()).hasSize(11);
    }

    @Test
    void aliasesCaseAndDashesFindTheSameRegion() {
        assertThat(regions.find("якутия").orElseThrow().name()).isEqualTo("Республика Саха (Якутия)");
        assertThat(regions.find("Республика Северная Осетия-Алания").orElseThrow().name()).isEqualTo("Республика Северная Осетия — Алания");
        assertThat(regions.find("ХМАО").orElseThrow().name()).isEqualTo("Ханты-Мансийский автономный округ — Югра");
        assertThat(regions.find("Атлантида")).isEmpty();
        assertThat(regions.zone(null, ZoneId.of("Europe/Moscow"))).isEqualTo(ZoneId.of("Europe/Moscow"));
    }

    @Test
    void aBadZoneIsNamedWithItsRegion() {
        String yaml = "regions:\n  - {name: Тестовая область, zone: Mars/Olympus}\n";
        assertThatThrownBy(() -> Regions.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "r.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("r.yaml: regions[0] (Тестовая область)")
                .hasMessageContaining("Mars/Olympus");
    }
}
