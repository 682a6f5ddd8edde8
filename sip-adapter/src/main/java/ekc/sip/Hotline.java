package ekc.sip;

import ekc.config.EkcConfig;
import ekc.config.PhoneNumbers;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The numbers EKC serves, normalised once; and numbers as callers' phones write them. Thread-safe. */
final class Hotline {

    private static final int DIALLED_CACHE = 256;

    private final PhoneNumbers numbers;
    private final Set<String> served = new HashSet<>();
    /**
     * Dialled texts already found to be a served number ({@code 88001000001} → {@code +78001000001}): every
     * INVITE asks, and libphonenumber's parse is ~15 KB of garbage a call. Only hits are kept, and at most
     * {@value #DIALLED_CACHE} spellings, so a scan of random numbers cannot grow it.
     */
    private final Map<String, String> dialledServed = new ConcurrentHashMap<>();

    Hotline(EkcConfig config) {
        numbers = new PhoneNumbers(config.hotline().defaultRegion());
        for (String n : config.hotline().numbers()) {
            served.add(numbers.e164(n).orElseThrow(
                    () -> new IllegalArgumentException("hotline number '" + n + "' is not a phone number")));
        }
    }

    /** Loads libphonenumber's metadata and geocoder now, so the first call is not the slow one. */
    void warmUp() {
        for (String n : served) {
            numbers.region(n);
        }
        numbers.e164("88612000000").ifPresent(numbers::region);
    }

    /** The E.164 form of a dialled number when EKC serves it. */
    Optional<String> served(String dialled) {
        String known = dialledServed.get(dialled);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> e164 = numbers.e164(dialled).filter(served::contains);
        if (e164.isPresent() && dialledServed.size() < DIALLED_CACHE) {
            dialledServed.put(dialled, e164.get());
        }
        return e164;
    }

    Optional<String> e164(String text) {
        return numbers.e164(text);
    }

    /** The caller's region, or null when the geocoder does not know it. */
    String region(String e164) {
        return numbers.region(e164).orElse(null);
    }
}
