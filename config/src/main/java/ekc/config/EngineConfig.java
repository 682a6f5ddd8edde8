package ekc.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Routing and the SLAs of RULES.md. Times are in seconds (fractions allowed); the defaults are the
 * rules' own figures.
 *
 * @param distribution         which ready agent gets a request: {@code longest-idle} (default),
 *                             {@code fewest-calls}, or {@code proficiency} (highest first, then longest idle)
 * @param ringNoAnswerSeconds  an operator who does not answer within this is set Not Ready and the
 *                             request goes back to the head of its queue
 * @param firstLineSeconds     R5: robot gave up → talking to a first-line operator within this
 * @param transferSeconds      R19: a transfer is connected within this, else a breach on the card
 * @param voiceSilenceSeconds  R33: caller silent on the phone for more than this → service ended
 * @param textSilenceSeconds   R33: no answer in the text channel for more than this → service ended
 * @param closeWarningSeconds  R34: after the silence limit the operator is warned; if they do not act
 *                             within this, the engine closes the service with a recorded reason
 * @param deferredWorkingHours R27: a deferred request is answered within this many working hours,
 *                             counted in the caller's local time on the {@code calendar}
 * @param defaultParticipant   first line for a request whose participant is unknown (R5)
 * @param loginOnRegister      an operator whose phone registers is logged in and Ready
 * @param defaultZone          time zone for callers whose region is unknown
 * @param waitStrategy         how the engine thread waits for input: {@code blocking} (default),
 *                             {@code lite-blocking}, {@code backoff}, {@code sleeping}, {@code yielding},
 *                             {@code busy-spin}; see docs/engine.md for what each costs on 2 cores
 */
public record EngineConfig(String distribution, Double ringNoAnswerSeconds, Double firstLineSeconds,
                           Double transferSeconds, Double voiceSilenceSeconds, Double textSilenceSeconds,
                           Double closeWarningSeconds, Double deferredWorkingHours, String defaultParticipant,
                           Boolean loginOnRegister, String defaultZone, String waitStrategy) {

    /** The spellings {@code ekc.engine.EngineRing.Wait.of} accepts. */
    public static final java.util.List<String> WAIT_STRATEGIES =
            java.util.List.of("blocking", "lite-blocking", "backoff", "sleeping", "yielding", "busy-spin");

    public EngineConfig {
        distribution = distribution != null ? distribution.toLowerCase(Locale.ROOT) : "longest-idle";
        if (!distribution.equals("longest-idle") && !distribution.equals("fewest-calls") && !distribution.equals("proficiency")) {
            throw new IllegalArgumentException("distribution must be longest-idle, fewest-calls or proficiency, not '" + distribution + "'");
        }
        ringNoAnswerSeconds = positive("ringNoAnswerSeconds", ringNoAnswerSeconds, 15.0);
        firstLineSeconds = positive("firstLineSeconds", firstLineSeconds, 60.0);
        transferSeconds = positive("transferSeconds", transferSeconds, 60.0);
        voiceSilenceSeconds = positive("voiceSilenceSeconds", voiceSilenceSeconds, 60.0);
        textSilenceSeconds = positive("textSilenceSeconds", textSilenceSeconds, 300.0);
        closeWarningSeconds = positive("closeWarningSeconds", closeWarningSeconds, 30.0);
        deferredWorkingHours = positive("deferredWorkingHours", deferredWorkingHours, 8.0);
        defaultParticipant = defaultParticipant != null ? defaultParticipant : "SFR";
        if (!defaultParticipant.matches("(?i)SFR|ROSTRUD|MSE|OSZN|СФР|Роструд|МСЭ|ОСЗН")) {
            throw new IllegalArgumentException("defaultParticipant must be one of SFR, ROSTRUD, MSE, OSZN, not '" + defaultParticipant + "'");
        }
        loginOnRegister = loginOnRegister != null ? loginOnRegister : Boolean.TRUE;
        defaultZone = defaultZone != null ? defaultZone : "Europe/Moscow";
        try {
            ZoneId.of(defaultZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("defaultZone: unknown time zone '" + defaultZone + "'");
        }
        waitStrategy = waitStrategy != null ? waitStrategy.toLowerCase(Locale.ROOT) : DEFAULT_WAIT;
        if (!WAIT_STRATEGIES.contains(waitStrategy)) {
            throw new IllegalArgumentException("waitStrategy must be one of " + String.join(", ", WAIT_STRATEGIES)
                    + ", not '" + waitStrategy + "'");
        }
    }

    /** See {@code engine.waitStrategy} in ekc-default.yaml for why. */
    static final String DEFAULT_WAIT = "blocking";

    private static Double positive(String field, Double value, double fallback) {
        double v = value != null ? value : fallback;
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + " must be a positive number, not " + value);
        }
        return v;
    }

    /** Seconds to whole milliseconds. */
    public static long millis(double seconds) {
        return Math.round(seconds * 1000.0);
    }
}
