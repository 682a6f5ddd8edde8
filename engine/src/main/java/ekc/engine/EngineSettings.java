package ekc.engine;

import ekc.config.AgentConfig;
import ekc.config.EkcConfig;
import ekc.config.EngineConfig;
import ekc.config.Regions;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the engine decides by: SLAs (R5, R19, R27, R33, R34), distribution, operators, the
 * working calendar and the regions with their time zones. Immutable; built once at start-up,
 * usually by {@link #of(EkcConfig, Regions)}.
 */
public record EngineSettings(boolean robotEnabled, String robotLanguage, Distribution distribution,
                             long ringNoAnswerMillis, long firstLineMillis, long transferMillis,
                             long voiceSilenceMillis, long textSilenceMillis, long closeWarningMillis,
                             long deferredWorkingMillis, Participant defaultParticipant, boolean loginOnRegister,
                             List<AgentSpec> agents, WorkingCalendar calendar, Regions regions, ZoneId defaultZone) {

    public EngineSettings {
        agents = List.copyOf(agents);
    }

    /** From the configuration; a bad skill name in {@code agents} is an error naming the agent. */
    public static EngineSettings of(EkcConfig config, Regions regions) {
        EngineConfig e = config.engine();
        List<AgentSpec> agents = new ArrayList<>();
        for (int i = 0; i < config.agents().size(); i++) {
            AgentConfig a = config.agents().get(i);
            List<Skill> skills = new ArrayList<>();
            for (String s : a.skills()) {
                try {
                    skills.add(canonical(Skill.parse(s), regions));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("agents[" + i + "] (id " + a.id() + "): " + ex.getMessage(), ex);
                }
            }
            agents.add(new AgentSpec(a.id(), a.name(), a.extension(), skills, a.proficiency()));
        }
        return new EngineSettings(config.robot().enabled(), config.robot().language(), Distribution.of(e.distribution()),
                EngineConfig.millis(e.ringNoAnswerSeconds()), EngineConfig.millis(e.firstLineSeconds()),
                EngineConfig.millis(e.transferSeconds()), EngineConfig.millis(e.voiceSilenceSeconds()),
                EngineConfig.millis(e.textSilenceSeconds()), EngineConfig.millis(e.closeWarningSeconds()),
                Math.round(e.deferredWorkingHours() * 3_600_000.0), Participant.of(e.defaultParticipant()),
                e.loginOnRegister(), agents, WorkingCalendar.of(config.calendar()), regions, ZoneId.of(e.defaultZone()));
    }

    /**
     * The embedded defaults with the robot off (answered calls are greeted and released), no
     * operators, the rules' SLAs: what {@code new Engine(outputs)} runs, e.g. in tests and benchmarks.
     */
    public static EngineSettings defaults() {
        EkcConfig robotOff = ekc.config.ConfigLoader.withOverrides(EkcConfig.defaults(), java.util.Map.of("robot.enabled", false));
        return of(robotOff, Regions.embedded());
    }

    /** A second-line skill with its region spelt as the region list spells it. */
    static Skill canonical(Skill s, Regions regions) {
        if (s.region() == null) {
            return s;
        }
        return regions.find(s.region()).map(r -> Skill.secondLine(s.participant(), r.name())).orElse(s);
    }

    public EngineSettings withAgents(List<AgentSpec> list) {
        return new EngineSettings(robotEnabled, robotLanguage, distribution, ringNoAnswerMillis, firstLineMillis,
                transferMillis, voiceSilenceMillis, textSilenceMillis, closeWarningMillis, deferredWorkingMillis,
                defaultParticipant, loginOnRegister, list, calendar, regions, defaultZone);
    }

    public EngineSettings withRobot(boolean enabled) {
        return new EngineSettings(enabled, robotLanguage, distribution, ringNoAnswerMillis, firstLineMillis,
                transferMillis, voiceSilenceMillis, textSilenceMillis, closeWarningMillis, deferredWorkingMillis,
                defaultParticipant, loginOnRegister, agents, calendar, regions, defaultZone);
    }

    public EngineSettings withDistribution(Distribution d) {
        return new EngineSettings(robotEnabled, robotLanguage, d, ringNoAnswerMillis, firstLineMillis,
                transferMillis, voiceSilenceMillis, textSilenceMillis, closeWarningMillis, deferredWorkingMillis,
                defaultParticipant, loginOnRegister, agents, calendar, regions, defaultZone);
    }

    public EngineSettings withLoginOnRegister(boolean login) {
        return new EngineSettings(robotEnabled, robotLanguage, distribution, ringNoAnswerMillis, firstLineMillis,
                transferMillis, voiceSilenceMillis, textSilenceMillis, closeWarningMillis, deferredWorkingMillis,
                defaultParticipant, login, agents, calendar, regions, defaultZone);
    }
}
