package ekc.sip;

import ekc.config.SipLimits;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-address limits on INVITE and REGISTER floods and on failed authentication (like Kamailio's
 * pike): a source over a limit is ignored for a while, and that is logged once per block.
 * Called on stack threads (rates) and lanes (auth failures); thread-safe.
 */
final class FloodGuard {

    private static final Logger LOG = LoggerFactory.getLogger(FloodGuard.class);

    /** One source's counters; guarded by its own monitor. */
    private static final class Source {
        long second;
        int invites;
        int registers;
        long failureWindowStart;
        int failures;
        long blockedUntil;
    }

    private final SipLimits limits;
    private final Set<String> trusted;
    private final LongSupplier clock;
    private final Map<String, Source> sources = new ConcurrentHashMap<>();

    FloodGuard(SipLimits limits, LongSupplier clock) {
        this.limits = limits;
        this.trusted = Set.copyOf(limits.trusted());
        this.clock = clock;
    }

    /** True when a request of this method from this address may be processed. */
    boolean admit(String address, String method) {
        boolean invite = "INVITE".equals(method);
        if (trusted.contains(address) || !invite && !"REGISTER".equals(method)) {
            return !blocked(address);
        }
        long now = clock.getAsLong();
        Source s = sources.computeIfAbsent(address, a -> new Source());
        synchronized (s) {
            if (now < s.blockedUntil) {
                return false;
            }
            long second = now / 1000;
            if (second != s.second) {
                s.second = second;
                s.invites = 0;
                s.registers = 0;
            }
            int count = invite ? ++s.invites : ++s.registers;
            int limit = invite ? limits.invitesPerSecond() : limits.registersPerSecond();
            if (count > limit) {
                block(s, address, now, count + " " + method + "s in a second");
                return false;
            }
            return true;
        }
    }

    /** A wrong password from this address; true when that blocked it. */
    boolean authFailed(String address) {
        if (trusted.contains(address)) {
            return false;
        }
        long now = clock.getAsLong();
        Source s = sources.computeIfAbsent(address, a -> new Source());
        synchronized (s) {
            if (now - s.failureWindowStart > 60_000) {
                s.failureWindowStart = now;
                s.failures = 0;
            }
            if (++s.failures >= limits.authFailures()) {
                block(s, address, now, s.failures + " failed authentications within a minute");
                return true;
            }
            return false;
        }
    }

    boolean blocked(String address) {
        Source s = sources.get(address);
        if (s == null) {
            return false;
        }
        synchronized (s) {
            return clock.getAsLong() < s.blockedUntil;
        }
    }

    /** Forgets sources idle for a while, so the map does not grow with every address ever seen. */
    void sweep() {
        long now = clock.getAsLong();
        sources.entrySet().removeIf(e -> {
            Source s = e.getValue();
            synchronized (s) {
                return now >= s.blockedUntil && now / 1000 - s.second > 120 && now - s.failureWindowStart > 120_000;
            }
        });
    }

    private void block(Source s, String address, long now, String why) {
        boolean wasBlocked = now < s.blockedUntil;
        s.blockedUntil = now + limits.blockSeconds() * 1000L;
        s.failures = 0;
        if (!wasBlocked) {
            LOG.warn("SIP: ignoring {} for {} s: {}", address, limits.blockSeconds(), why);
        }
    }
}
