package ekc.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ekc.config.EkcConfig;
import ekc.config.RobotConfig;
import ekc.config.SipConfig;
import org.junit.jupiter.api.Test;

class HotlineTest {

    final Hotline hotline = new Hotline(new EkcConfig(null, new SipConfig("127.0.0.1", 0, null), null, null,
            new RobotConfig("ru", null, false)));

    @Test
    void everySpellingOfAServedNumberIsServedAgainAndAgainOthersNever() {
        for (int i = 0; i < 3; i++) { // the first answer is remembered; later ones must be the same
            assertThat(hotline.served("88001000001")).contains("+78001000001");
            assertThat(hotline.served("8-800-100-0-001")).contains("+78001000001");
            assertThat(hotline.served("+78001000001")).contains("+78001000001");
            assertThat(hotline.served("88001000002")).isEmpty();
            assertThat(hotline.served("sipp")).isEmpty();
        }
    }

    @Test
    void callersWithoutADigitHaveNoNumber() {
        assertThat(hotline.e164("sipp")).isEmpty();
        assertThat(hotline.e164("anonymous")).isEmpty();
        assertThat(hotline.e164("+7 (861) 200-00-00")).contains("+78612000000");
    }
}
