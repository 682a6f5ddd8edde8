package ekc.engine;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sample {@link EnginePropertiesTest} found (shrunk by jqwik), kept as a regression: a deferred
 * request the supervisor assigns to a second operator must leave the first one's list, or that
 * operator is rung, on logging in, for a card that was closed meanwhile (R24).
 */
class SupervisorReassignTest {

    @Test
    void aReassignedRequestLeavesTheFirstOperatorsList_R24() {
        // the property's own assertions (places, bookings, cards closed once) hold for this sample
        assertThatCode(() -> new EnginePropertiesTest().noCallInTwoPlacesNoOperatorDoubleBookedEveryCardClosedOnce(List.of(
                280, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 395, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 15, 268, 56847, 0, 0, 0, 0, 0, 0, 0, 0, 0, 434, 726, 18, 223, 25, 1495265752, 1702,
                159218, 1268, 2147483647, 93, 4397, 1438440, 1327, 3328, 1120, 164475, 24279, 5, 2887, 3, 2030,
                134, 1120748649, 28, 51, 18123, 930030, 13, 3771240, 4602, 689440, 1, 1532590356, 40)))
                .doesNotThrowAnyException();
    }
}
