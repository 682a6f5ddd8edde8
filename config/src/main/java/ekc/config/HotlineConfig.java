package ekc.config;

import java.util.List;

/**
 * The numbers EKC serves (R1) and the country used to read numbers without a country code.
 * Numbers may be written in any usual form; {@link PhoneNumbers} normalises them to E.164.
 */
public record HotlineConfig(List<String> numbers, String defaultRegion) {

    public HotlineConfig {
        numbers = numbers != null ? List.copyOf(numbers) : List.of("+78001000001");
        defaultRegion = defaultRegion != null ? defaultRegion : "RU";
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("at least one hotline number is needed");
        }
    }
}
