package ekc.config;

/**
 * The whole configuration, as read from YAML. Every section may be left out of a file; a missing
 * section or field takes the default that the embedded {@code ekc-default.yaml} documents.
 * Each module owns its section (one record per file).
 */
public record EkcConfig(HotlineConfig hotline, SipConfig sip, MediaConfig media, JournalConfig journal,
                        RobotConfig robot, EngineConfig engine, java.util.List<AgentConfig> agents,
                        CalendarConfig calendar, HttpConfig http, AsteriskConfig asterisk) {

    public EkcConfig {
        hotline = hotline != null ? hotline : new HotlineConfig(null, null);
        sip = sip != null ? sip : new SipConfig(null, null, null);
        media = media != null ? media : new MediaConfig(null, null, null, null);
        journal = journal != null ? journal : new JournalConfig(null, null, null);
        robot = robot != null ? robot : new RobotConfig(null, null, null);
        engine = engine != null ? engine : new EngineConfig(null, null, null, null, null, null, null, null, null, null, null, null);
        agents = agents != null ? java.util.List.copyOf(agents) : java.util.List.of();
        calendar = calendar != null ? calendar : new CalendarConfig(null, null, null, null, null);
        http = http != null ? http : new HttpConfig(null, null, null, null, null);
        asterisk = asterisk != null ? asterisk : new AsteriskConfig(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    /** The sections before the engine's; the engine's take their defaults. */
    public EkcConfig(HotlineConfig hotline, SipConfig sip, MediaConfig media, JournalConfig journal, RobotConfig robot) {
        this(hotline, sip, media, journal, robot, null, null, null, null, null);
    }

    /** Every default: what an empty file gives. */
    public static EkcConfig defaults() {
        return new EkcConfig(null, null, null, null, null, null, null, null, null, null);
    }
}
