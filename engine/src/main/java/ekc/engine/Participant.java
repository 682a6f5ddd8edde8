package ekc.engine;

/**
 * The four participants of informing (R8). {@code code} is how skills name the participant's
 * first line ({@code СФР-1 линия}); {@code branch} how they name its regional body on the second
 * line ({@code ОСФР Краснодарский край, 2 линия}).
 */
public enum Participant {
    SFR("СФР", "ОСФР", "Социальный фонд России"),
    ROSTRUD("Роструд", "ЦЗН", "Служба труда и занятости"),
    MSE("МСЭ", "ГБ МСЭ", "Учреждения медико-социальной экспертизы"),
    OSZN("ОСЗН", "ОСЗН", "Органы социальной защиты населения");

    private final String code;
    private final String branch;
    private final String title;

    Participant(String code, String branch, String title) {
        this.code = code;
        this.branch = branch;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public String branch() {
        return branch;
    }

    public String title() {
        return title;
    }

    /** {@code values()} once: it copies the array on every call, and {@link #of} runs for every routed call. */
    private static final Participant[] ALL = values();

    /** By enum name ({@code SFR}) or code ({@code СФР}), case-insensitive. */
    public static Participant of(String nameOrCode) {
        for (Participant p : ALL) {
            if (p.name().equals(nameOrCode)) {
                return p; // as adapters send it: no case folding
            }
        }
        for (Participant p : ALL) {
            if (p.name().equalsIgnoreCase(nameOrCode) || p.code.equalsIgnoreCase(nameOrCode)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown participant '" + nameOrCode + "' (one of SFR, ROSTRUD, MSE, OSZN)");
    }
}
