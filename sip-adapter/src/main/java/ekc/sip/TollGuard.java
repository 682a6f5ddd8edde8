package ekc.sip;

import ekc.config.PhoneNumbers;
import ekc.config.SipConfig;
import java.util.List;
import java.util.Optional;

/**
 * Toll-fraud guard: the only numbers EKC ever dials are valid E.164 numbers under an allowed
 * prefix and no denied one (premium rate). Numbers come from the engine's card, never from a
 * SIP request. Thread-safe.
 */
final class TollGuard {

    private final PhoneNumbers numbers;
    private final List<String> allowed;
    private final List<String> denied;

    TollGuard(SipConfig config, String defaultRegion) {
        this.numbers = new PhoneNumbers(defaultRegion);
        this.allowed = config.allowedDestinations();
        this.denied = config.deniedDestinations();
    }

    /** The E.164 number to dial, or empty when config does not allow it. */
    Optional<String> permit(String number) {
        Optional<String> e164 = numbers.e164(number);
        if (e164.isEmpty()) {
            return Optional.empty();
        }
        String n = e164.get();
        if (allowed.stream().noneMatch(n::startsWith) || denied.stream().anyMatch(n::startsWith)) {
            return Optional.empty();
        }
        return e164;
    }
}
