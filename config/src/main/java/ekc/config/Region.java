package ekc.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A federal subject of Russia: its name as skills and cards write it, the IANA time zone of its
 * capital, and other spellings it goes by. Immutable.
 */
public record Region(String name, ZoneId zone, List<String> aliases) {

    public Region {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zone, "zone");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a region needs a name");
        }
        aliases = aliases != null ? List.copyOf(aliases) : List.of();
    }
}
