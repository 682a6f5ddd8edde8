package ekc.config;

import java.util.List;

/**
 * Per-address flood limits (like Kamailio's pike): more INVITEs or REGISTERs per second than this
 * from one source address blocks it for {@code blockSeconds}; so do {@code authFailures} wrong
 * passwords within a minute. {@code trusted} addresses (the trunk, an SBC) are never limited.
 */
public record SipLimits(Integer invitesPerSecond, Integer registersPerSecond, Integer authFailures,
                        Integer blockSeconds, List<String> trusted, Integer maxCalls) {

    public SipLimits {
        invitesPerSecond = invitesPerSecond != null ? invitesPerSecond : 30;
        registersPerSecond = registersPerSecond != null ? registersPerSecond : 10;
        authFailures = authFailures != null ? authFailures : 5;
        blockSeconds = blockSeconds != null ? blockSeconds : 60;
        trusted = trusted != null ? List.copyOf(trusted) : List.of();
        maxCalls = maxCalls != null ? maxCalls : 20_000;
        if (invitesPerSecond < 1 || registersPerSecond < 1 || authFailures < 1 || blockSeconds < 1 || maxCalls < 1) {
            throw new IllegalArgumentException("SIP limits must be positive");
        }
    }
}
