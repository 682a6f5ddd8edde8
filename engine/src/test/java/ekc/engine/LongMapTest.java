package ekc.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class LongMapTest {

    /** Any sequence of puts and removes leaves the same contents as a HashMap. */
    @Property(tries = 200)
    void behavesLikeAHashMap(@ForAll @Size(max = 400) List<@IntRange(min = -50, max = 50) Integer> ops) {
        LongMap<String> map = new LongMap<>(4);
        Map<Long, String> expected = new HashMap<>();
        for (int op : ops) {
            long key = Math.abs(op) * 1_000_003L; // spread and collide
            if (op >= 0) {
                map.put(key, "v" + op);
                expected.put(key, "v" + op);
            } else {
                map.remove(key);
                expected.remove(key);
            }
            assertThat(map.size()).isEqualTo(expected.size());
        }
        for (long k = 0; k <= 50; k++) {
            assertThat(map.get(k * 1_000_003L)).isEqualTo(expected.get(k * 1_000_003L));
        }
        assertThat(map.values()).containsExactlyInAnyOrderElementsOf(expected.values());
    }
}
