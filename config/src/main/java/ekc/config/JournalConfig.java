package ekc.config;

/** Where cards, transcripts and audio are journaled; relative to the data directory. */
public record JournalConfig(String dir) {

    public JournalConfig {
        dir = dir != null ? dir : "journal";
    }
}
